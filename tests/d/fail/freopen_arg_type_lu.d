/*
 * @@tag D_PRINTF_ARG_TYPE
 * @@line 13
 * @@message freopen( ) argument #2 is incompatible with conversion #1 prototype:
 * @@message 	conversion: %lu
 * @@message 	 prototype: unsigned long
 * @@message 	  argument: int
 * freopen() formats its path as printf does.
 */

BEGIN
{
	freopen("/tmp/%lu", 1);
}
