/*
 * @@flags -q
 * printa() after trunc() prints what is left, with its format; the
 * truncated aggregation is not printed again at exit.
 */

BEGIN
{
	@a["a"] = count();
	@a["b"] = count();
	@a["b"] = count();
	@a["c"] = count();
	@a["c"] = count();
	@a["c"] = count();
	trunc(@a, 2);
	printa("%s %@d\n", @a);
	exit(0);
}
