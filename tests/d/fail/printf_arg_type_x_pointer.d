/*
 * @@tag D_PRINTF_ARG_TYPE
 * @@line 13
 * @@message printf( ) argument #2 is incompatible with conversion #1 prototype:
 * @@message 	conversion: %x
 * @@message 	 prototype: char, short, int, long, or long long
 * @@message 	  argument: int *
 * %x takes integers only; a pointer needs %p.
 */

BEGIN
{
	printf("%x\n", (int *)0);
}
