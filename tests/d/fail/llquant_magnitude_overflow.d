/*
 * @@tag D_LLQUANT_MAGTOOBIG
 * @@line 10
 * @@message llquantize( ) factor (10) raised to power of high magnitude (20) overflows 64-bits
 * The factor raised to the high magnitude must fit in 64 bits.
 */

profile-97
{
	@ll = llquantize(arg0, 10, 0, 20, 10);
}
