/*
 * @@flags -q
 * stddev() rounds down at each integer step: values 1 and 2 give 1.
 */

BEGIN
{
	@ = stddev(1);
	@ = stddev(2);
	exit(0);
}
