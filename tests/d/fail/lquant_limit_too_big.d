/*
 * @@tag D_LQUANT_LIMVAL
 * @@line 10
 * @@message lquantize( ) argument #2 must be a 32-bit quantity
 * The lquantize limit must fit in 32 bits.
 */

profile-97
{
	@l = lquantize(arg0, 0, 0x100000000);
}
