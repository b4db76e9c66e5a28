/*
 * @@tag D_PRINTF_ARG_TYPE
 * @@line 13
 * @@message printf( ) argument #2 is incompatible with conversion #1 prototype:
 * @@message 	conversion: %k
 * @@message 	 prototype: stack
 * @@message 	  argument: int
 * %k takes only a stack().
 */

BEGIN
{
	printf("%k\n", 1);
}
