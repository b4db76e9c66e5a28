/*
 * @@flags -q
 * trunc() ranks lquantize() entries by the sum of value times count, as
 * printing sorts them; the two largest stay.
 */

BEGIN
{
	@a[1] = lquantize(1, 0, 10, 1);
	@a[2] = lquantize(5, 0, 10, 1);
	@a[3] = lquantize(3, 0, 10, 1);
	@a[3] = lquantize(2, 0, 10, 1);
	trunc(@a, 2);
	exit(0);
}
