/*
 * @@tag D_LQUANT_MATCHBASE
 * @@line 11
 * @@message lquantize( ) base (argument #1) doesn't match previous declaration: expected 0, found 10
 * Every lquantize of one aggregation must use the same base.
 */

profile-97
{
	@l = lquantize(arg0, 0, 100, 10);
	@l = lquantize(arg1, 10, 110, 10);
}
