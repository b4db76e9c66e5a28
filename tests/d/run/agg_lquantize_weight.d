/*
 * @@flags -q
 * lquantize() increments, including a negative one.
 */

BEGIN
{
	@ = lquantize(5, 0, 10, 1, 10);
	@ = lquantize(6, 0, 10, 1, -3);
	exit(0);
}
