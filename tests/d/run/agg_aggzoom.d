/*
 * @@flags -q
 * aggzoom scales the largest bucket to 95% of the bar.
 */

#pragma D option aggzoom

BEGIN
{
	@ = quantize(1, 1);
	@ = quantize(2, 3);
	@ = quantize(4, 10);
	exit(0);
}
