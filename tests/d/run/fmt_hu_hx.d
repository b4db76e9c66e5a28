/*
 * @@flags -q
 * %hu and %hx take a short and print its 16 bits.
 */

BEGIN
{
	printf("%hu %hx %hX\n", (unsigned short)65535, (short)-1, (short)0x2bc);
	exit(0);
}
