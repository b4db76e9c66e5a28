/*
 * @@flags -q
 * Three aggregations in one printa().
 */

BEGIN
{
	@c["k"] = count();
	@s["k"] = sum(6);
	@m["k"] = max(3);
	printa("%s %@d %@d %@d\n", @c, @s, @m);
	exit(0);
}
