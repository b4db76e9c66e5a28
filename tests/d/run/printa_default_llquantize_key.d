/*
 * @@flags -q
 * printa() of a keyed llquantize(): the key line, then the histogram.
 */

BEGIN
{
	@q["io"] = llquantize(30, 10, 1, 2, 10);
	printa(@q);
	exit(0);
}
