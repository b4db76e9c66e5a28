/*
 * @@flags -q
 * Several aggregations sort by the first one's values, then the next's.
 */

BEGIN
{
	@a["p"] = sum(2);
	@b["p"] = sum(1);
	@a["q"] = sum(1);
	@b["q"] = sum(9);
	@a["r"] = sum(1);
	@b["r"] = sum(3);
	printa("%s %@d %@d\n", @a, @b);
	exit(0);
}
