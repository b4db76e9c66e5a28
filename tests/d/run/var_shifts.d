/*
 * @@flags -q
 * Left shifts, arithmetic right shifts of signed values, logical of unsigned.
 */

BEGIN
{
	printf("%d %lld %d\n", 1 << 10, (long long)1 << 40, -16 >> 2);
	printf("%llu %x\n", (unsigned long long)-16 >> 60, 0x80000000 >> 4);
	exit(0);
}
