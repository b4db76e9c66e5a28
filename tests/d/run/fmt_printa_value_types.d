/*
 * @@flags -q
 * %@ prints the aggregation's value as an int64_t, or a uint64_t for
 * count(): %@ld and %@lu take them as the longs they are, %@llx takes
 * either (it names int64_t and uint64_t too), %@d any integer. Keys take
 * the conversions of their own types.
 */

BEGIN
{
	@s[(long long)1] = sum(-5);
	@c[(long long)1] = count();
	@c[(long long)1] = count();
	printa("%lld %@ld %@llx %@d\n", @s);
	printa("%lli %@lu %@llx %@d\n", @c);
	exit(0);
}
