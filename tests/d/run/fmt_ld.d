/*
 * @@flags -q
 * %ld and %li take a long.
 */

BEGIN
{
	printf("%ld %li\n", (long)-5, (long)9000000000);
	exit(0);
}
