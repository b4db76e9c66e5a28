/*
 * @@flags -q
 * quantize() of negative values: buckets -1, -2, -4...
 */

BEGIN
{
	@ = quantize(-1);
	@ = quantize(-5);
	exit(0);
}
