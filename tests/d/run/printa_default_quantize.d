/*
 * @@flags -q
 * printa() of a quantize() without a format: newline, histogram, blank line.
 */

BEGIN
{
	@q = quantize(5);
	printa(@q);
	exit(0);
}
