/*
 * @@tag D_PRINTF_ARG_TYPE
 * @@line 13
 * @@message printf( ) argument #2 is incompatible with conversion #1 prototype:
 * @@message 	conversion: %lc
 * @@message 	 prototype: int
 * @@message 	  argument: long
 * %lc takes exactly an int (wint_t).
 */

BEGIN
{
	printf("%lc\n", (long)65);
}
