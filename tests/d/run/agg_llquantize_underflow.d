/*
 * @@flags -q
 * llquantize(x, 2, 1, 3, 2): values under 2^1 go to the < row.
 */

BEGIN
{
	@ = llquantize(0, 2, 1, 3, 2);
	@ = llquantize(3, 2, 1, 3, 2, 2);
	exit(0);
}
