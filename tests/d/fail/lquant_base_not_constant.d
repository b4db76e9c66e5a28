/*
 * @@tag D_LQUANT_BASETYPE
 * @@line 15
 * @@message lquantize( ) argument #1 must be an integer constant
 * The lquantize base must be a constant.
 */

BEGIN
{
	lo = 0;
}

profile-97
{
	@l = lquantize(arg0, lo, 100);
}
