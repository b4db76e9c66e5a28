/*
 * @@tag D_PRINTF_ARG_TYPE
 * @@line 16
 * @@message printf( ) argument #2 is incompatible with conversion #1 prototype:
 * @@message 	conversion: %s
 * @@message 	 prototype: char [] or string (or use stringof)
 * @@message 	  argument: unsigned char [4]
 * %s takes an array of char or signed char: the characters DTrace reads
 * as text are signed bytes, so unsigned char arrays are refused.
 */

unsigned char u[4];

BEGIN
{
	printf("%s\n", u);
}
