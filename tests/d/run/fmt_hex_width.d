/*
 * @@flags -q
 * Zero padding, alignment and # with hexadecimal.
 */

BEGIN
{
	printf("[%08x][%-8X][%#010x]\n", 0xbeef, 0xbeef, 0xbeef);
	exit(0);
}
