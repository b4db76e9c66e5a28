/*
 * @@tag D_AGG_REDEF
 * @@line 14
 * One aggregation cannot use two different aggregating functions.
 */

profile-97
{
	@stat[execname] = count();
}

tick-1sec
{
	@stat[execname] = sum(1);
}
