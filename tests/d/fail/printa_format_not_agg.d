/*
 * @@tag D_PRINTA_AGGARG
 * @@line 9
 * printa with a format and a non-aggregation.
 */

tick-1sec
{
	printa("%d\n", timestamp);
}
