/*
 * @@tag D_PRINTF_ARG_TYPE
 * @@line 13
 * @@message printf( ) argument #2 is incompatible with conversion #1 prototype:
 * @@message 	conversion: %hu
 * @@message 	 prototype: unsigned short
 * @@message 	  argument: int
 * %hu takes an unsigned short: an int is refused, not narrowed.
 */

BEGIN
{
	printf("%hu\n", 1);
}
