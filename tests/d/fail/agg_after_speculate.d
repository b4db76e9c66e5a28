/*
 * @@tag D_AGG_SPEC
 * @@line 16
 * @@message aggregating actions may not follow speculate( )
 * Aggregations cannot be speculative.
 */

BEGIN
{
	spec = speculation();
}

tick-1sec
{
	speculate(spec);
	@ticks = count();
}
