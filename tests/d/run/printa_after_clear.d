/*
 * @@flags -q
 * printa() after clear() prints the keys with zero values.
 */

BEGIN
{
	@a["k"] = sum(5);
	@a["j"] = sum(6);
	clear(@a);
	printa("%s=%@d\n", @a);
	exit(0);
}
