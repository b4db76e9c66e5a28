/*
 * @@flags -q
 * cleanpath() removes ., .. and repeated slashes.
 */

BEGIN
{
	printf("%s\n", cleanpath("/a/b/../c/./d//e"));
	printf("%s\n", cleanpath("/usr/./lib"));
	exit(0);
}
