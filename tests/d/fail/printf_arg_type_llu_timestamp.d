/*
 * @@tag D_PRINTF_ARG_TYPE
 * @@line 14
 * @@message printf( ) argument #2 is incompatible with conversion #1 prototype:
 * @@message 	conversion: %llu
 * @@message 	 prototype: unsigned long long
 * @@message 	  argument: uint64_t
 * timestamp is a uint64_t, an unsigned long: %llu refuses it (%lu or %d
 * take it).
 */

BEGIN
{
	printf("%llu\n", timestamp);
}
