/*
 * @@tag D_LLQUANT_MAGRANGE
 * @@line 10
 * @@message llquantize( ) high magnitude (argument #3) must be greater than low magnitude (argument #2)
 * The high magnitude must exceed the low one.
 */

profile-97
{
	@ll = llquantize(arg0, 10, 6, 2, 20);
}
