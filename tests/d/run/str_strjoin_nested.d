/*
 * @@flags -q
 * strjoin() of a strjoin() result.
 */

BEGIN
{
	printf("%s\n", strjoin(strjoin("a", "b"), "c"));
	exit(0);
}
