/*
 * @@flags -q
 * printa() of a normalized aggregation with a format.
 */

BEGIN
{
	@a["x"] = sum(1000);
	normalize(@a, 100);
	printa("%s %@d\n", @a);
	exit(0);
}
