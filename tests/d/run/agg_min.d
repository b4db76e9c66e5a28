/*
 * @@flags -q
 * min() keeps the smallest value, negatives included.
 */

BEGIN
{
	@ = min(5);
	@ = min(-3);
	@ = min(10);
	exit(0);
}
