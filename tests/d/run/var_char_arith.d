/*
 * @@flags -q
 * Character constants are integers in arithmetic.
 */

BEGIN
{
	printf("%d %d\n", 'a' + 1, 'z' - 'a');
	exit(0);
}
