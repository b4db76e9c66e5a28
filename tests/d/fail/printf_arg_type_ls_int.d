/*
 * @@tag D_PRINTF_ARG_TYPE
 * @@line 13
 * @@message printf( ) argument #2 is incompatible with conversion #1 prototype:
 * @@message 	conversion: %ls
 * @@message 	 prototype: wchar_t []
 * @@message 	  argument: int
 * %ls takes an array of 32-bit characters.
 */

BEGIN
{
	printf("%ls\n", 1);
}
