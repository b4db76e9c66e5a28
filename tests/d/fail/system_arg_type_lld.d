/*
 * @@tag D_PRINTF_ARG_TYPE
 * @@line 13
 * @@message system( ) argument #2 is incompatible with conversion #1 prototype:
 * @@message 	conversion: %lld
 * @@message 	 prototype: long long
 * @@message 	  argument: int
 * system() formats its command as printf does.
 */

BEGIN
{
	system("echo %lld", 1);
}
