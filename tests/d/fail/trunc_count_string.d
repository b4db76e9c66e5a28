/*
 * @@tag D_TRUNC_SCALAR
 * @@line 15
 * @@message trunc( ) argument #2 must be of scalar type
 * The number of entries to keep must be scalar.
 */

profile-97
{
	@a = count();
}

tick-1sec
{
	trunc(@a, "five");
}
