/*
 * @@flags -q
 * basename() of paths with trailing slashes, no slash and the root.
 */

BEGIN
{
	printf("%s %s %s %s\n", basename("/usr/lib/libc.so"), basename("/usr/lib/"), basename("foo"), basename("/"));
	exit(0);
}
