/*
 * @@flags -q
 * quantize() spanning negative, zero and positive buckets.
 */

BEGIN
{
	@ = quantize(-3);
	@ = quantize(0);
	@ = quantize(100);
	@ = quantize(1000, 2);
	exit(0);
}
