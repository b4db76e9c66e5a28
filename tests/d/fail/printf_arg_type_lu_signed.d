/*
 * @@tag D_PRINTF_ARG_TYPE
 * @@line 13
 * @@message printf( ) argument #2 is incompatible with conversion #1 prototype:
 * @@message 	conversion: %lu
 * @@message 	 prototype: unsigned long
 * @@message 	  argument: long
 * %lu takes only an unsigned long: a long differs in its encoding.
 */

BEGIN
{
	printf("%lu\n", (long)1);
}
