/*
 * @@flags -q
 * lquantize() increments that cancel out leave no data: the first
 * three rows are shown.
 */

BEGIN
{
	@ = lquantize(3, 0, 10, 1, 1);
	@ = lquantize(3, 0, 10, 1, -1);
	exit(0);
}
