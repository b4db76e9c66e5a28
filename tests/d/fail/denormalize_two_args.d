/*
 * @@tag D_NORMALIZE_PROTO
 * @@line 15
 * @@message denormalize( ) prototype mismatch: 2 args passed, 1 expected
 * denormalize takes only the aggregation.
 */

profile-97
{
	@a = count();
}

tick-1sec
{
	denormalize(@a, 10);
}
