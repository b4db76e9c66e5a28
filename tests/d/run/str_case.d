/*
 * @@flags -q
 * toupper() and tolower() change only letters.
 */

BEGIN
{
	printf("%s %s\n", toupper("Hello, World 1"), tolower("MiXeD-Case_9"));
	exit(0);
}
