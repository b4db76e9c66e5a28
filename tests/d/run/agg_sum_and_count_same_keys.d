/*
 * @@flags -q
 * Two aggregations with the same keys print separately at exit.
 */

BEGIN
{
	@n["x"] = count();
	@t["x"] = sum(50);
	@n["y"] = count();
	@t["y"] = sum(5);
	exit(0);
}
