/*
 * @@tag D_PRINTF_ARG_TYPE
 * @@line 15
 * @@message printa( ) aggregating action is incompatible with conversion #2 prototype:
 * @@message 	conversion: %lld
 * @@message 	 prototype: long long
 * @@message 	  argument: int64_t
 * %@ prints the aggregation's value, an int64_t for all but count(): %lld
 * refuses it like any other int64_t.
 */

BEGIN
{
	@s[1] = sum(1);
	printa("%d %@lld\n", @s);
}
