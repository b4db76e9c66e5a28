/*
 * @@tag D_NORMALIZE_AGGARG
 * @@line 9
 * normalize of something that is not an aggregation.
 */

tick-1sec
{
	normalize(1000, 10);
}
