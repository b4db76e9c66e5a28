/*
 * @@flags -q
 * normalize() of avg() divides the average.
 */

BEGIN
{
	@a = avg(40);
	@a = avg(60);
	normalize(@a, 5);
	exit(0);
}
