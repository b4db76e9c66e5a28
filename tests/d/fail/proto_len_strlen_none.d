/*
 * @@tag D_PROTO_LEN
 * @@line 10
 * @@message strlen( ) prototype mismatch: 0 args passed, 1 expected
 * strlen needs its string.
 */

BEGIN
{
	trace(strlen());
}
