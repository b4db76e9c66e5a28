/*
 * @@flags -q
 * Casting out-of-range constants wraps.
 */

BEGIN
{
	printf("%d %u %d\n", (int)2147483648, (unsigned int)4294967296, (char)128);
	exit(0);
}
