/*
 * @@tag D_PROTO_LEN
 * @@line 10
 * @@message strjoin( ) prototype mismatch: 1 arg passed, 2 expected
 * strjoin joins two strings.
 */

BEGIN
{
	trace(strjoin("a"));
}
