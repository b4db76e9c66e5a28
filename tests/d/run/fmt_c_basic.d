/*
 * @@flags -q
 * %c with widths.
 */

BEGIN
{
	printf("[%c][%3c][%-3c]\n", 'a', 'b', 'c');
	exit(0);
}
