/*
 * @@flags -q
 * %@ on an lquantize() prints its histogram.
 */

BEGIN
{
	@q = lquantize(4, 0, 8, 4);
	printa("%@d", @q);
	exit(0);
}
