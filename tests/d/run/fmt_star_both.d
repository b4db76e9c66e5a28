/*
 * @@flags -q
 * Both width and precision from arguments.
 */

BEGIN
{
	printf("[%*.*s]\n", 6, 3, "abcdef");
	exit(0);
}
