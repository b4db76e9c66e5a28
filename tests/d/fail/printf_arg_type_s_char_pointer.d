/*
 * @@tag D_PRINTF_ARG_TYPE
 * @@line 13
 * @@message printf( ) argument #2 is incompatible with conversion #1 prototype:
 * @@message 	conversion: %s
 * @@message 	 prototype: char [] or string (or use stringof)
 * @@message 	  argument: char *
 * %s takes a string or a char array: a char pointer needs stringof().
 */

BEGIN
{
	printf("%s\n", (char *)0);
}
