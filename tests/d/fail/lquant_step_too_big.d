/*
 * @@tag D_LQUANT_STEPVAL
 * @@line 10
 * @@message lquantize( ) argument #3 must be a 16-bit quantity
 * The step must fit in 16 bits.
 */

profile-97
{
	@l = lquantize(arg0, 0, 1000000, 70000);
}
