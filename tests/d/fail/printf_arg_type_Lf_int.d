/*
 * @@tag D_PRINTF_ARG_TYPE
 * @@line 13
 * @@message printf( ) argument #2 is incompatible with conversion #1 prototype:
 * @@message 	conversion: %Lf
 * @@message 	 prototype: long double
 * @@message 	  argument: int
 * %Lf takes a long double only.
 */

BEGIN
{
	printf("%Lf\n", 1);
}
