/*
 * @@flags -q
 * %s with both width and precision.
 */

BEGIN
{
	printf("[%8.3s][%-8.3s]\n", "abcdef", "abcdef");
	exit(0);
}
