/*
 * @@flags -q
 * lquantize(x, 0, 10, 2): linear buckets of width 2.
 */

BEGIN
{
	@ = lquantize(1, 0, 10, 2);
	@ = lquantize(3, 0, 10, 2);
	@ = lquantize(3, 0, 10, 2);
	@ = lquantize(7, 0, 10, 2);
	exit(0);
}
