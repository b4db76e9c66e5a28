/*
 * @@tag D_LLQUANT_FACTORTYPE
 * @@line 15
 * @@message llquantize( ) argument #1 (factor) must be an integer constant
 * The llquantize factor must be a constant.
 */

BEGIN
{
	base = 10;
}

profile-97
{
	@ll = llquantize(arg0, base, 0, 6, 20);
}
