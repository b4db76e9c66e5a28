/*
 * @@flags -q
 * + combined with a width and with -.
 */

BEGIN
{
	printf("[%+5i][%-+5i][% 5d]\n", 3, 3, 42);
	exit(0);
}
