/*
 * @@tag D_PROTO_LEN
 * @@line 10
 * @@message speculation( ) prototype mismatch: 1 arg passed, 0 expected
 * speculation takes no arguments.
 */

BEGIN
{
	s = speculation(1);
}
