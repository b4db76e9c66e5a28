/*
 * @@tag D_PROTO_LEN
 * @@line 10
 * @@message lquantize( ) prototype mismatch: 6 args passed, at most 5 expected
 * lquantize takes at most five arguments.
 */

profile-97
{
	@l = lquantize(arg0, 0, 100, 10, 1, 2);
}
