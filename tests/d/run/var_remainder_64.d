/*
 * @@flags -q
 * 64-bit signed and unsigned remainder.
 */

BEGIN
{
	printf("%lld %llu %lld\n", (long long)-7 % 3, (unsigned long long)7 % 3, (long long)7 % -3);
	exit(0);
}
