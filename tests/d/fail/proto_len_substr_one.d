/*
 * @@tag D_PROTO_LEN
 * @@line 10
 * @@message substr( ) prototype mismatch: 1 arg passed, at least 2 expected
 * substr needs at least an index.
 */

BEGIN
{
	trace(substr("abcdef"));
}
