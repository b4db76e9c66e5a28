/*
 * @@flags -q
 * clear() affects only the named aggregation.
 */

BEGIN
{
	@a[1] = sum(100);
	@b[2] = sum(200);
	clear(@a);
	exit(0);
}
