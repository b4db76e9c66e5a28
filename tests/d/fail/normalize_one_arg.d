/*
 * @@tag D_NORMALIZE_PROTO
 * @@line 15
 * @@message normalize( ) prototype mismatch: 1 args passed, 2 expected
 * normalize needs the factor.
 */

profile-97
{
	@a = count();
}

tick-1sec
{
	normalize(@a);
}
