/*
 * @@flags -q
 * max() of a single value; min() of the same.
 */

BEGIN
{
	@a = max(7);
	@b = min(7);
	exit(0);
}
