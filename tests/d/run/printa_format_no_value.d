/*
 * @@flags -q
 * A format without %@ prints only the keys.
 */

BEGIN
{
	@a["k1"] = count();
	@a["k2"] = count();
	@a["k2"] = count();
	printa("%s\n", @a);
	exit(0);
}
