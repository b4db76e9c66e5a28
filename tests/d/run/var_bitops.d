/*
 * @@flags -q
 * Bitwise operators.
 */

BEGIN
{
	printf("%x %x %x %x %d\n", 0xf0 & 0x3c, 0xf0 | 0x3c, 0xf0 ^ 0x3c, ~0, ~5);
	exit(0);
}
