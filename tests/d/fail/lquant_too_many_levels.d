/*
 * @@tag D_LQUANT_STEPSMALL
 * @@line 10
 * @@message lquantize( ) step (argument #3) too small: number of quantization levels must be a 16-bit quantity
 * The number of levels must fit in 16 bits.
 */

profile-97
{
	@l = lquantize(arg0, 0, 100000);
}
