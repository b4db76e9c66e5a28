/*
 * @@flags -q
 * A format without conversions.
 */

BEGIN
{
	printf("plain text\n");
	exit(0);
}
