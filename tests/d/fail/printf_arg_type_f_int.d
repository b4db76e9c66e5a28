/*
 * @@tag D_PRINTF_ARG_TYPE
 * @@line 13
 * @@message printf( ) argument #2 is incompatible with conversion #1 prototype:
 * @@message 	conversion: %f
 * @@message 	 prototype: float, double, or long double
 * @@message 	  argument: int
 * %f takes a floating-point value: an integer is not converted.
 */

BEGIN
{
	printf("%f\n", 1);
}
