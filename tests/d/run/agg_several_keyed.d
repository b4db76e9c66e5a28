/*
 * @@flags -q
 * Keyed aggregations at exit: one after the other, each sorted.
 */

BEGIN
{
	@a["x"] = sum(2);
	@a["y"] = sum(1);
	@b[1] = count();
	exit(0);
}
