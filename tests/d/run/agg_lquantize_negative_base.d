/*
 * @@flags -q
 * lquantize() with a negative base.
 */

BEGIN
{
	@ = lquantize(-10, -10, 0, 5);
	@ = lquantize(-7, -10, 0, 5);
	@ = lquantize(-1, -10, 0, 5);
	exit(0);
}
