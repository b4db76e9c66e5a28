/*
 * @@tag D_AGG_SCALAR
 * @@line 10
 * @@message max( ) argument #1 must be of scalar type
 * max needs a scalar argument.
 */

profile-97
{
	@longest = max("name");
}
