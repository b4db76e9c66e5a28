/*
 * @@tag D_AGG_FUNC
 * @@line 10
 * @@message @len must be assigned the result of an aggregating function
 * A subroutine result is not an aggregating function.
 */

profile-97
{
	@len[execname] = strlen(execname);
}
