/*
 * @@tag D_LQUANT_BASEVAL
 * @@line 10
 * @@message lquantize( ) argument #1 must be a 32-bit quantity
 * The lquantize base must fit in 32 bits.
 */

profile-97
{
	@l = lquantize(arg0, 0x100000000, 0x100000010);
}
