/*
 * @@flags -q
 * llquantize(x, 10, 0, 2, 10): log-linear buckets, overflow row.
 */

BEGIN
{
	@ = llquantize(5, 10, 0, 2, 10);
	@ = llquantize(50, 10, 0, 2, 10);
	@ = llquantize(5000, 10, 0, 2, 10);
	exit(0);
}
