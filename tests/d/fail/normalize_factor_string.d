/*
 * @@tag D_NORMALIZE_SCALAR
 * @@line 15
 * @@message normalize( ) argument #2 must be of scalar type
 * The normalization factor must be scalar.
 */

profile-97
{
	@a = count();
}

tick-1sec
{
	normalize(@a, "ten");
}
