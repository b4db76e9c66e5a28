/*
 * @@tag D_AGG_FUNC
 * @@line 10
 * @@message @hits must be assigned the result of an aggregating function
 * An aggregation can only be assigned an aggregating function.
 */

profile-97
{
	@hits[execname] = 1;
}
