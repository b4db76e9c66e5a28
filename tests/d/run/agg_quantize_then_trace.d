/*
 * @@flags -q
 * A value traced right after a quantize() is recorded, not mistaken for
 * the quantize's increment.
 */

BEGIN
{
	@q = quantize(3);
	trace(7);
	exit(0);
}
