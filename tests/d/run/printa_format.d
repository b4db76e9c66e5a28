/*
 * @@flags -q
 * printa() with a format: keys fill conversions, %@d takes the value.
 */

BEGIN
{
	@a["x"] = sum(2);
	@a["y"] = sum(1);
	printa("%s %@d\n", @a);
	exit(0);
}
