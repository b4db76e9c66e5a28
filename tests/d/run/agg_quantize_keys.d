/*
 * @@flags -q
 * quantize() with keys: the key line, then its histogram; entries sort by weighted sum.
 */

BEGIN
{
	@["b"] = quantize(2);
	@["b"] = quantize(2);
	@["b"] = quantize(5);
	@["a"] = quantize(1);
	exit(0);
}
