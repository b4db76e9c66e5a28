/*
 * @@flags -q
 * printa() of avg() with %@d prints the integer average.
 */

BEGIN
{
	@a = avg(10);
	@a = avg(21);
	printa("avg %@d\n", @a);
	exit(0);
}
