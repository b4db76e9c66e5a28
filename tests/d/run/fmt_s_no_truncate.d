/*
 * @@flags -q
 * A width narrower than the string does not cut it.
 */

BEGIN
{
	printf("[%3s][%-3s]\n", "abcdef", "abcdef");
	exit(0);
}
