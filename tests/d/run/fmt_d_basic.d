/*
 * @@flags -q
 * %d of zero, positive and negative ints.
 */

BEGIN
{
	printf("%d %d %d\n", 0, 42, -42);
	exit(0);
}
