/*
 * @@tag D_TRUNC_PROTO
 * @@line 10
 * @@message trunc( ) prototype mismatch: 0 args passed, at least 1 expected
 * trunc needs an aggregation.
 */

tick-1sec
{
	trunc();
}
