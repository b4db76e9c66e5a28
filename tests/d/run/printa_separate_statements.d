/*
 * @@flags -q
 * Two printa() statements in a row print each aggregation on its own, even
 * with the same format: only one statement's aggregations are joined.
 */

BEGIN
{
	@a["x"] = sum(1);
	@b["x"] = sum(2);
	printa(@a);
	printa(@b);
	printa("%s %@d\n", @a);
	printa("%s %@d\n", @b);
	exit(0);
}
