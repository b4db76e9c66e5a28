/*
 * @@tag D_CLEAR_AGGARG
 * @@line 9
 * clear of something that is not an aggregation.
 */

tick-1sec
{
	clear(pid);
}
