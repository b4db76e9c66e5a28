/*
 * @@flags -q
 * %u of a 64-bit -1 prints the 64-bit unsigned value.
 */

BEGIN
{
	printf("%u\n", (long long)-1);
	exit(0);
}
