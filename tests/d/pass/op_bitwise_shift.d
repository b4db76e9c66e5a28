/*
 * Bitwise and shift operators on signed and unsigned values.
 */

BEGIN
{
	x = 0xf0f0;
	y = 0x0ff0;
	printf("%x %x %x %x\n", x & y, x | y, x ^ y, ~x & 0xffff);
	printf("%x %x\n", x << 4, x >> 4);
	z = 1ULL << 63;
	printf("%x\n", z >> 60);
}
