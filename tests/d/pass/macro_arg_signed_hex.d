/*
 * @@args +5 0x10
 * Macro arguments with a leading plus sign and in hexadecimal become integer
 * constants.
 */

BEGIN
{
	printf("%d %d\n", $1, $2);
	exit(0);
}
