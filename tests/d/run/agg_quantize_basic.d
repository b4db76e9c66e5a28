/*
 * @@flags -q
 * quantize(): power-of-two buckets, one empty row on each side.
 */

BEGIN
{
	@ = quantize(1);
	@ = quantize(2);
	@ = quantize(3);
	exit(0);
}
