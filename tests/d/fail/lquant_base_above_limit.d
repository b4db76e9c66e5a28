/*
 * @@tag D_LQUANT_MISMATCH
 * @@line 10
 * @@message lquantize( ) base (argument #1) must be less than limit (argument #2)
 * The base must be below the limit.
 */

profile-97
{
	@l = lquantize(arg0, 100, 10);
}
