/*
 * @@tag D_PROTO_LEN
 * @@line 10
 * @@message min( ) prototype mismatch: 0 args passed, 1 expected
 * min needs its value.
 */

profile-97
{
	@m = min();
}
