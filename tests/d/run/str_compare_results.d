/*
 * @@flags -q
 * Strings built by subroutines compare by content.
 */

BEGIN
{
	printf("%d %d\n", strjoin("ab", "c") == "abc", toupper("x") == "X");
	exit(0);
}
