/*
 * @@tag D_PROTO_LEN
 * @@line 15
 * @@message @calls[ ] prototype mismatch: 2 keys passed, 1 expected
 * An aggregation keeps the number of keys it was first used with.
 */

profile-97
{
	@calls[execname] = count();
}

tick-1sec
{
	@calls[execname, pid] = count();
}
