/*
 * @@tag D_PROTO_LEN
 * @@line 10
 * @@message rand( ) prototype mismatch: 1 arg passed, 0 expected
 * rand takes no seed.
 */

BEGIN
{
	trace(rand(42));
}
