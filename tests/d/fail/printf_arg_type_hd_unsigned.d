/*
 * @@tag D_PRINTF_ARG_TYPE
 * @@line 13
 * @@message printf( ) argument #2 is incompatible with conversion #1 prototype:
 * @@message 	conversion: %hd
 * @@message 	 prototype: short
 * @@message 	  argument: unsigned short
 * %hd takes a short, not an unsigned short (%hx takes either).
 */

BEGIN
{
	printf("%hd\n", (unsigned short)1);
}
