/*
 * @@flags -q
 * %@ on a quantize() prints the histogram in place.
 */

BEGIN
{
	@q["k"] = quantize(3);
	printa("%s:%@d\n", @q);
	exit(0);
}
