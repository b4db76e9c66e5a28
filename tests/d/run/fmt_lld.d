/*
 * @@flags -q
 * %lld, %llu and %llx take a long long.
 */

BEGIN
{
	printf("%lld %llu %llx\n", (long long)-3, (unsigned long long)-1, (long long)0xdeadbeefcafe);
	exit(0);
}
