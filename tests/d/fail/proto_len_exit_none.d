/*
 * @@tag D_PROTO_LEN
 * @@line 10
 * @@message exit( ) prototype mismatch: 0 args passed, 1 expected
 * exit needs a status.
 */

BEGIN
{
	exit();
}
