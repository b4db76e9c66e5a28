/*
 * @@flags -q
 * stddev(): sqrt(avg(x^2) - avg(x)^2) in integers, printed unsigned.
 */

BEGIN
{
	@ = stddev(2);
	@ = stddev(4);
	@ = stddev(4);
	@ = stddev(4);
	@ = stddev(5);
	@ = stddev(5);
	@ = stddev(7);
	@ = stddev(9);
	exit(0);
}
