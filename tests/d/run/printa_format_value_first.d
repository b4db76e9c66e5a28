/*
 * @@flags -q
 * %@ may come before the keys' conversions.
 */

BEGIN
{
	@a["z"] = sum(7);
	printa("%@d <- %s\n", @a);
	exit(0);
}
