/*
 * @@tag D_PROTO_LEN
 * @@line 10
 * @@message lquantize( ) prototype mismatch: 1 arg passed, 3 expected
 * lquantize needs a base and a limit.
 */

profile-97
{
	@l = lquantize(arg0);
}
