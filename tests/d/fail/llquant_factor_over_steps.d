/*
 * @@tag D_LLQUANT_FACTORNSTEPS
 * @@line 10
 * @@message llquantize( ) factor (argument #1) must be less than or equal to the number of linear steps per magnitude (argument #4)
 * The factor may not exceed the steps per magnitude.
 */

profile-97
{
	@ll = llquantize(arg0, 10, 0, 6, 5);
}
