/*
 * @@tag D_CLEAR_AGGARG
 * @@line 10
 * clear() checks that its argument is an aggregation before the
 * aggregating function inside it is found to be misplaced.
 */

BEGIN
{
	clear(count());
}
