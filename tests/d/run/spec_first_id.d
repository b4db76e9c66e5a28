/*
 * @@flags -q
 * The first speculation() returns 1.
 */

BEGIN
{
	printf("%d\n", speculation());
	exit(0);
}
