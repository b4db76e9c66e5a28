/*
 * @@tag D_PROTO_LEN
 * @@line 10
 * @@message llquantize( ) prototype mismatch: 4 args passed, 5 expected
 * llquantize needs factor, magnitudes and steps.
 */

profile-97
{
	@ll = llquantize(arg0, 10, 0, 6);
}
