/*
 * @@flags -q
 * llquantize() with an increment.
 */

BEGIN
{
	@ = llquantize(7, 4, 0, 2, 4, 4);
	exit(0);
}
