/*
 * @@flags -q
 * String comparisons compare contents, byte by byte.
 */

BEGIN
{
	s = "abc";
	printf("%d %d %d %d %d %d\n", s == "abc", s != "abc", "abc" < "abd", "b" > "abc", "ab" < "abc", s >= "abc");
	exit(0);
}
