/*
 * @@flags -q
 * String subroutines given the empty string.
 */

BEGIN
{
	printf("[%s][%s][%s][%s]\n", toupper(""), substr("", 0), strjoin("", "x"), lltostr(7));
	exit(0);
}
