/*
 * @@flags -q
 * quantize() of zeros: the zero bucket between -1 and 1.
 */

BEGIN
{
	@ = quantize(0);
	@ = quantize(0);
	@ = quantize(0);
	exit(0);
}
