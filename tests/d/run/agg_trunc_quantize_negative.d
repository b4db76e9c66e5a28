/*
 * @@flags -q
 * trunc(@, -1) on quantize() keeps the entry with the smallest sum of value
 * times count.
 */

BEGIN
{
	@q["big"] = quantize(1000);
	@q["small"] = quantize(2);
	@q["small"] = quantize(3);
	@q["mid"] = quantize(64);
	trunc(@q, -1);
	exit(0);
}
