/*
 * @@flags -q
 * The # flag: 0x / 0X prefixes for hex, a leading 0 for octal.
 */

BEGIN
{
	printf("%#x %#X %#o\n", 255, 255, 8);
	exit(0);
}
