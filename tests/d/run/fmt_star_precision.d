/*
 * @@flags -q
 * .* takes the precision from an argument.
 */

BEGIN
{
	printf("[%.*d][%.*s]\n", 4, 42, 2, "abcdef");
	exit(0);
}
