/*
 * @@tag D_PROTO_ARG
 * @@line 10
 * An associative array keeps the key types it was first used with.
 */

BEGIN
{
	names[pid] = execname;
	trace(names["init"]);
}
