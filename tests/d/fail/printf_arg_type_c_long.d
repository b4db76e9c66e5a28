/*
 * @@tag D_PRINTF_ARG_TYPE
 * @@line 13
 * @@message printf( ) argument #2 is incompatible with conversion #1 prototype:
 * @@message 	conversion: %c
 * @@message 	 prototype: char, short, or int
 * @@message 	  argument: long
 * %c takes an integer of at most 4 bytes.
 */

BEGIN
{
	printf("%c\n", (long)65);
}
