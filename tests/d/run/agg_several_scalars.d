/*
 * @@flags -q
 * Several aggregations print at exit in the order they were declared.
 */

BEGIN
{
	@c = count();
	@s = sum(40);
	@m = max(9);
	exit(0);
}
