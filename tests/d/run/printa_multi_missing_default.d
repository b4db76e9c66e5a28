/*
 * @@flags -q
 * printa(@a, @b) without a format: one line per key in either, a missing
 * value printed as 0; sorted by the first aggregation's values, then the
 * second's.
 */

BEGIN
{
	@a["x"] = sum(5);
	@b["y"] = sum(7);
	@a["z"] = sum(2);
	@b["z"] = sum(9);
	@a["w"] = sum(2);
	printa(@a, @b);
	exit(0);
}
