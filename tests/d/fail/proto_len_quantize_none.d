/*
 * @@tag D_PROTO_LEN
 * @@line 10
 * @@message quantize( ) prototype mismatch: 0 args passed, 1 expected
 * quantize needs at least its value.
 */

profile-97
{
	@q = quantize();
}
