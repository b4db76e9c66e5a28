/*
 * printf flags: width, zero padding, sign, space, alternate form and
 * grouping.
 */

BEGIN
{
	printf("%5d|%-5d|%05d|\n", 42, 42, 42);
	printf("%+d|% d|\n", 42, 42);
	printf("%#x|%#o|\n", 255, 8);
	printf("%'d\n", 1234567);
	printf("%08.3d|\n", 7);
}
