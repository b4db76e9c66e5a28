/*
 * @@tag D_PROTO_LEN
 * @@line 10
 * @@message trace( ) prototype mismatch: 2 args passed, 1 expected
 * trace records exactly one value.
 */

BEGIN
{
	trace(pid, ppid);
}
