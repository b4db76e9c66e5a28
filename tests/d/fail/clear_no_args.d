/*
 * @@tag D_CLEAR_PROTO
 * @@line 10
 * @@message clear( ) prototype mismatch: 0 args passed, 1 expected
 * clear needs the aggregation to clear.
 */

tick-1sec
{
	clear();
}
