/*
 * @@tag D_TRUNC_AGGARG
 * @@line 9
 * trunc of something that is not an aggregation.
 */

tick-1sec
{
	trunc(execname);
}
