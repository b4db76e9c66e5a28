/*
 * @@tag D_LQUANT_MATCHSTEP
 * @@line 11
 * @@message lquantize( ) step (argument #3) doesn't match previous declaration: expected 10, found 20
 * Every lquantize of one aggregation must use the same step.
 */

profile-97
{
	@l = lquantize(arg0, 0, 100, 10);
	@l = lquantize(arg1, 0, 100, 20);
}
