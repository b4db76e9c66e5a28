/*
 * @@tag D_LQUANT_MATCHLIM
 * @@line 11
 * @@message lquantize( ) limit (argument #2) doesn't match previous declaration: expected 100, found 200
 * Every lquantize of one aggregation must use the same limit.
 */

profile-97
{
	@l = lquantize(arg0, 0, 100, 10);
	@l = lquantize(arg1, 0, 200, 10);
}
