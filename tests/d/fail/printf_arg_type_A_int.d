/*
 * @@tag D_PRINTF_ARG_TYPE
 * @@line 14
 * @@message printf( ) argument #2 is incompatible with conversion #1 prototype:
 * @@message 	conversion: %A
 * @@message 	 prototype: pointer or integer (with -p/-c) or _usymaddr (without -p/-c)
 * @@message 	  argument: int
 * Without -p or -c there is no process to resolve a plain integer in: %A
 * takes only a usym()/uaddr() value.
 */

BEGIN
{
	printf("%A\n", 1);
}
