/*
 * @@flags -q
 * Widths and flags apply to keys and to %@ conversions.
 */

BEGIN
{
	@a["ab"] = count();
	@a["c"] = count();
	@a["c"] = count();
	printa("[%-4s][%@5d]\n", @a);
	exit(0);
}
