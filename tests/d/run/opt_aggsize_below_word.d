/*
 * @@flags -q -x aggsize=4
 * @@status 1
 * With aggregations enabled, an aggregation buffer smaller than one 8-byte
 * word cannot be allocated and tracing is refused.
 */

BEGIN
{
	@n = count();
	exit(0);
}
