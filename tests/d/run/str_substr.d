/*
 * @@flags -q
 * substr() with an index and with a length.
 */

BEGIN
{
	printf("[%s][%s][%s][%s]\n", substr("hello world", 6), substr("hello", 1, 3), substr("hello", 0, 10), substr("hello", 10));
	exit(0);
}
