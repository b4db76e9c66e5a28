/*
 * @@tag D_PROTO_LEN
 * @@line 10
 * @@message sum( ) prototype mismatch: 2 args passed, 1 expected
 * sum takes exactly one value.
 */

profile-97
{
	@s = sum(arg0, arg1);
}
