/*
 * @@tag D_PRINTF_ARG_TYPE
 * @@line 14
 * @@message printf( ) argument #2 is incompatible with conversion #1 prototype:
 * @@message 	conversion: %lld
 * @@message 	 prototype: long long
 * @@message 	  argument: int64_t
 * int64_t is a long on LP64, and %lld takes only a long long: DTrace
 * compares the type's name and encoding, not just its size.
 */

BEGIN
{
	printf("%lld\n", (int64_t)1);
}
