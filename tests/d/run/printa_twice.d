/*
 * @@flags -q
 * printa() twice prints the aggregation twice.
 */

BEGIN
{
	@a = sum(5);
	printa(@a);
	printa(@a);
	exit(0);
}
