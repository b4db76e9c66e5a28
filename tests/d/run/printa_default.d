/*
 * @@flags -q
 * printa() without a format prints a newline, then the aggregation;
 * it is not printed again at exit.
 */

BEGIN
{
	@a["x"] = sum(2);
	@a["y"] = sum(1);
	printa(@a);
	exit(0);
}
