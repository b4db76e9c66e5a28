/*
 * @@tag D_CLEAR_PROTO
 * @@line 16
 * @@message clear( ) prototype mismatch: 2 args passed, 1 expected
 * clear takes one aggregation at a time.
 */

profile-97
{
	@a = count();
	@b = count();
}

tick-1sec
{
	clear(@a, @b);
}
