/*
 * @@flags -q
 * Values sort signed: negative sums first.
 */

BEGIN
{
	@["a"] = sum(5);
	@["b"] = sum(-5);
	@["c"] = sum(0);
	@["d"] = sum(-100);
	exit(0);
}
