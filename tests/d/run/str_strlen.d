/*
 * @@flags -q
 * strlen() of strings, the empty string included.
 */

BEGIN
{
	printf("%d %d %d\n", strlen("hello"), strlen(""), strlen("a b c"));
	exit(0);
}
