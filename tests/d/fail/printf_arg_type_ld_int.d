/*
 * @@tag D_PRINTF_ARG_TYPE
 * @@line 14
 * @@message printf( ) argument #2 is incompatible with conversion #1 prototype:
 * @@message 	conversion: %ld
 * @@message 	 prototype: long
 * @@message 	  argument: int
 * %ld takes a long (or a typedef of one): an int constant is not one,
 * whatever its value.
 */

BEGIN
{
	printf("%ld\n", 1);
}
