/*
 * @@flags -q
 * dirname() of paths with trailing slashes, no slash and the root.
 */

BEGIN
{
	printf("%s %s %s %s %s\n", dirname("/usr/lib/libc.so"), dirname("/usr/lib/"), dirname("foo"), dirname("/"), dirname("/usr"));
	exit(0);
}
