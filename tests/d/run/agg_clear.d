/*
 * @@flags -q
 * clear() zeroes the values but keeps the keys.
 */

BEGIN
{
	@a["x"] = sum(10);
	@a["y"] = sum(20);
	clear(@a);
	exit(0);
}
