/*
 * @@tag D_LLQUANT_FACTORVAL
 * @@line 10
 * @@message llquantize( ) argument #1 (factor) must be an unsigned 16-bit quantity
 * The llquantize factor must fit in 16 bits.
 */

profile-97
{
	@ll = llquantize(arg0, 70000, 0, 2, 70000);
}
