/*
 * @@tag D_PROTO_LEN
 * @@line 10
 * @@message quantize( ) prototype mismatch: 3 args passed, at most 2 expected
 * quantize takes a value and an optional increment, no more.
 */

profile-97
{
	@q = quantize(arg0, 1, 2);
}
