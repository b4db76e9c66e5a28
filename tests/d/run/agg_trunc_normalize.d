/*
 * @@flags -q
 * trunc() ranks by the aggregated values, not the normalized ones, and the
 * normalization stays on what is left.
 */

BEGIN
{
	@a["x"] = sum(100);
	@a["y"] = sum(250);
	@a["z"] = sum(50);
	normalize(@a, 10);
	trunc(@a, 2);
	exit(0);
}
