/*
 * @@flags -q
 * substr() with negative indexes and lengths, as the illumos kernel computes them.
 */

BEGIN
{
	printf("[%s][%s][%s]\n", substr("hello", -3), substr("hello", -3, 2), substr("hello", 1, -1));
	printf("[%s][%s]\n", substr("hello", -10, 7), substr("hello", -10, 3));
	exit(0);
}
