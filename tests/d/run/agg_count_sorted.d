/*
 * @@flags -q
 * At exit, aggregations print sorted by value, smallest first.
 */

BEGIN
{
	@calls["read"] = count();
	@calls["write"] = count();
	@calls["write"] = count();
	@calls["open"] = count();
	@calls["open"] = count();
	@calls["open"] = count();
	exit(0);
}
