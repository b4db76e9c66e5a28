/*
 * @@flags -q
 * With the # flag, zero prints without a prefix.
 */

BEGIN
{
	printf("[%#x][%#o]\n", 0, 0);
	exit(0);
}
