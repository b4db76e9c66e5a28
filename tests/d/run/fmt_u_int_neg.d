/*
 * @@flags -q
 * %u of an int -1 prints the 32-bit unsigned value (the record is 4 bytes).
 */

BEGIN
{
	printf("%u\n", -1);
	exit(0);
}
