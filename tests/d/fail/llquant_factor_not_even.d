/*
 * @@tag D_LLQUANT_FACTOREVEN
 * @@line 10
 * @@message llquantize( ) factor (argument #1) must evenly divide the number of steps per magnitude (argument #4), and the number of steps per magnitude must evenly divide a power of the factor
 * The factor must evenly divide the steps per magnitude.
 */

profile-97
{
	@ll = llquantize(arg0, 10, 0, 6, 15);
}
