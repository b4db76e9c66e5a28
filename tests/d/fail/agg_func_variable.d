/*
 * @@tag D_AGG_FUNC
 * @@line 10
 * @@message @ts must be assigned the result of an aggregating function
 * A variable's value is not an aggregating function.
 */

profile-97
{
	@ts = timestamp;
}
