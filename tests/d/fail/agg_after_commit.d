/*
 * @@tag D_AGG_COMM
 * @@line 16
 * @@message aggregating actions may not follow commit( )
 * Aggregations cannot follow commit.
 */

BEGIN
{
	spec = speculation();
}

tick-1sec
{
	commit(spec);
	@ticks = count();
}
