/*
 * @@flags -q
 * Only negative counts: bars grow leftwards to the bar.
 */

BEGIN
{
	@ = lquantize(3, 0, 10, 1, -2);
	exit(0);
}
