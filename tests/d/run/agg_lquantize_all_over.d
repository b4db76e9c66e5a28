/*
 * @@flags -q
 * lquantize() with every value over the limit.
 */

BEGIN
{
	@ = lquantize(100, 0, 50, 10);
	@ = lquantize(200, 0, 50, 10);
	exit(0);
}
