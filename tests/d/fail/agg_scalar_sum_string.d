/*
 * @@tag D_AGG_SCALAR
 * @@line 10
 * @@message sum( ) argument #1 must be of scalar type
 * sum needs a scalar argument.
 */

profile-97
{
	@total = sum(execname);
}
