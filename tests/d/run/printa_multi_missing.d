/*
 * @@flags -q
 * A key missing from one aggregation prints 0 for it.
 */

BEGIN
{
	@a["x"] = sum(5);
	@b["y"] = sum(7);
	printa("%s %@d %@d\n", @a, @b);
	exit(0);
}
