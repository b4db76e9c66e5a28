/*
 * @@flags -q
 * Signed division and remainder truncate toward zero; unsigned 64-bit division.
 */

BEGIN
{
	printf("%d %d %d %d\n", 7 / 2, -7 / 2, 7 % 3, -7 % 3);
	printf("%llu %lld\n", (unsigned long long)-8 / 2, (long long)-8 / 2);
	exit(0);
}
