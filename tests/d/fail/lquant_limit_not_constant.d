/*
 * @@tag D_LQUANT_LIMTYPE
 * @@line 15
 * @@message lquantize( ) argument #2 must be an integer constant
 * The lquantize limit must be a constant.
 */

BEGIN
{
	hi = 100;
}

profile-97
{
	@l = lquantize(arg0, 0, hi);
}
