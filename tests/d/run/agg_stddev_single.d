/*
 * @@flags -q
 * stddev() of one value is 0.
 */

BEGIN
{
	@ = stddev(42);
	exit(0);
}
