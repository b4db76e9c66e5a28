/*
 * @@flags -q
 * printa() of two aggregations without a format: keys, then each value.
 */

BEGIN
{
	@a["x"] = sum(1);
	@b["x"] = sum(2);
	@a["y"] = sum(3);
	@b["y"] = sum(4);
	printa(@a, @b);
	exit(0);
}
