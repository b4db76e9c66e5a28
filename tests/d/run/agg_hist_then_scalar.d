/*
 * @@flags -q
 * A histogram then a scalar aggregation at exit.
 */

BEGIN
{
	@q = quantize(1);
	@c = count();
	exit(0);
}
