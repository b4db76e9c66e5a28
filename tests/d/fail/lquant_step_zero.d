/*
 * @@tag D_LQUANT_STEPTYPE
 * @@line 10
 * @@message lquantize( ) argument #3 must be a non-zero positive integer constant
 * The step must be a positive constant.
 */

profile-97
{
	@l = lquantize(arg0, 0, 100, 0);
}
