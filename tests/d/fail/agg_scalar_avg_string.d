/*
 * @@tag D_AGG_SCALAR
 * @@line 10
 * @@message avg( ) argument #1 must be of scalar type
 * avg needs a scalar argument.
 */

profile-97
{
	@mean[pid] = avg(probefunc);
}
