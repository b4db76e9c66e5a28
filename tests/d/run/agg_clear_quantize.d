/*
 * @@flags -q
 * A cleared quantize() prints the rows around zero.
 */

BEGIN
{
	@q = quantize(100);
	clear(@q);
	exit(0);
}
