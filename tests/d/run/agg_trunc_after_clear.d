/*
 * @@flags -q
 * trunc() after clear(): every value is 0, so trunc(@, 1) keeps the entry
 * that ranks highest on its key (ties are broken by key, reversed with
 * the values).
 */

BEGIN
{
	@a["x"] = sum(5);
	@a["z"] = sum(1);
	@a["y"] = sum(3);
	clear(@a);
	trunc(@a, 1);
	exit(0);
}
