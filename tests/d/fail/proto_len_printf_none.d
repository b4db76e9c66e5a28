/*
 * @@tag D_PROTO_LEN
 * @@line 10
 * @@message printf( ) prototype mismatch: 0 args passed, 1 expected
 * printf needs at least a format.
 */

BEGIN
{
	printf();
}
