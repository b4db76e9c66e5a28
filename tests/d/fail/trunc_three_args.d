/*
 * @@tag D_TRUNC_PROTO
 * @@line 15
 * @@message trunc( ) prototype mismatch: 3 args passed, no more than 2 expected
 * trunc takes at most an aggregation and a count.
 */

profile-97
{
	@a = count();
}

tick-1sec
{
	trunc(@a, 5, 1);
}
