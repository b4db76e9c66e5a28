/*
 * @@flags -q
 * llquantize(x, 10, 2, 3, 20): twenty steps per order of magnitude.
 */

BEGIN
{
	@ = llquantize(150, 10, 2, 3, 20);
	@ = llquantize(1234, 10, 2, 3, 20);
	exit(0);
}
