/*
 * @@flags -q
 * strlen() of subroutine results.
 */

BEGIN
{
	printf("%d %d\n", strlen(strjoin("abc", "de")), strlen(substr("hello", 2)));
	exit(0);
}
