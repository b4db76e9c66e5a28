/*
 * @@flags -q
 * lquantize() underflow (< base) and overflow (>= limit) rows.
 */

BEGIN
{
	@ = lquantize(-5, 0, 10, 1);
	@ = lquantize(0, 0, 10, 1);
	@ = lquantize(20, 0, 10, 1);
	exit(0);
}
