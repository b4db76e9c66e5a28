/*
 * @@flags -q
 * quantize() with string keys, one update per clause: each key line is
 * followed by its histogram; entries sort by the sum of value x count.
 */

BEGIN
{
	@["b"] = quantize(2);
}

BEGIN
{
	@["b"] = quantize(2);
}

BEGIN
{
	@["b"] = quantize(5);
}

BEGIN
{
	@["a"] = quantize(1);
	exit(0);
}
