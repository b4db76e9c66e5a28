/*
 * @@tag D_PRINTA_PROTO
 * @@line 10
 * @@message printa( ) prototype mismatch: 1 args passed, 2 expected
 * A printa format needs an aggregation after it.
 */

tick-1sec
{
	printa("%@d\n");
}
