/*
 * @@flags -q
 * trunc() without a count removes every entry.
 */

BEGIN
{
	@a["x"] = sum(1);
	@a["y"] = sum(2);
	trunc(@a);
	@b = sum(3);
	exit(0);
}
