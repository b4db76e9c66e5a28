/*
 * @@tag D_PROTO_LEN
 * @@line 11
 * @@message last[ ] prototype mismatch: 2 keys passed, 1 expected
 * An associative array keeps the number of keys it was first used with.
 */

BEGIN
{
	last[pid] = timestamp;
	trace(last[pid, tid]);
}
