/*
 * @@tag D_PRINTF_ARG_TYPE
 * @@line 13
 * @@message printf( ) argument #2 is incompatible with conversion #1 prototype:
 * @@message 	conversion: %hx
 * @@message 	 prototype: short
 * @@message 	  argument: int
 * %hx takes a short of either signedness, and nothing wider.
 */

BEGIN
{
	printf("%hx\n", 1);
}
