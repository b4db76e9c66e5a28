/*
 * @@flags -q
 * basename() and dirname() of the empty string and of repeated slashes.
 */

BEGIN
{
	printf("[%s][%s]\n", basename(""), dirname(""));
	printf("[%s][%s]\n", basename("//a//b//"), dirname("//a//b//"));
	exit(0);
}
