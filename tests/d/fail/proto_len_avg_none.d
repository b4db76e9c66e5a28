/*
 * @@tag D_PROTO_LEN
 * @@line 10
 * @@message avg( ) prototype mismatch: 0 args passed, 1 expected
 * avg needs its value.
 */

profile-97
{
	@a = avg();
}
