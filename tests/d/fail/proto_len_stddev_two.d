/*
 * @@tag D_PROTO_LEN
 * @@line 10
 * @@message stddev( ) prototype mismatch: 2 args passed, 1 expected
 * stddev takes exactly one value.
 */

profile-97
{
	@sd = stddev(arg0, 2);
}
