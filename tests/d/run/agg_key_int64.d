/*
 * @@flags -q
 * 64-bit integer keys print as %16lld.
 */

BEGIN
{
	@[(int64_t)5] = count();
	@[(int64_t)-7] = count();
	@[(int64_t)-7] = count();
	exit(0);
}
