/*
 * @@tag D_LLQUANT_LOWTYPE
 * @@line 15
 * @@message llquantize( ) argument #2 (low magnitude) must be an integer constant
 * The low magnitude must be a constant.
 */

BEGIN
{
	low = 0;
}

profile-97
{
	@ll = llquantize(arg0, 10, low, 6, 20);
}
