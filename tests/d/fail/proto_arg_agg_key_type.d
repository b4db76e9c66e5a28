/*
 * @@tag D_PROTO_ARG
 * @@line 14
 * An aggregation keeps the key types it was first used with.
 */

profile-97
{
	@calls[execname] = count();
}

tick-1sec
{
	@calls[pid] = count();
}
