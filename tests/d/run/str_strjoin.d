/*
 * @@flags -q
 * strjoin() concatenates.
 */

BEGIN
{
	x = strjoin("a", "b");
	printf("%s %s [%s]\n", strjoin("foo", "bar"), strjoin(x, "c"), strjoin("", ""));
	exit(0);
}
