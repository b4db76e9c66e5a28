/*
 * @@tag D_PRINTF_ARG_TYPE
 * @@line 14
 * @@message printf( ) argument #2 is incompatible with conversion #1 prototype:
 * @@message 	conversion: %llx
 * @@message 	 prototype: long long
 * @@message 	  argument: long
 * %llx takes a long long, or an int64_t/uint64_t (typedefs of long), but
 * not a plain long.
 */

BEGIN
{
	printf("%llx\n", (long)1);
}
