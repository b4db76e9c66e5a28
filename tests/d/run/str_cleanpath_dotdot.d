/*
 * @@flags -q
 * cleanpath() with .. at several levels and a trailing slash.
 */

BEGIN
{
	printf("%s\n", cleanpath("/a/b/c/../../d"));
	printf("%s\n", cleanpath("/x/y/"));
	exit(0);
}
