/*
 * @@flags -q
 * The extreme 64-bit values.
 */

BEGIN
{
	printf("%lld %lld\n", (long long)9223372036854775807, (long long)-9223372036854775807 - 1);
	exit(0);
}
