/*
 * @@tag D_PRINTF_ARG_TYPE
 * @@line 13
 * @@message printf( ) argument #2 is incompatible with conversion #1 prototype:
 * @@message 	conversion: %lx
 * @@message 	 prototype: long
 * @@message 	  argument: int
 * %lx takes a long of either signedness, and nothing narrower.
 */

BEGIN
{
	printf("%lx\n", 1);
}
