/*
 * @@tag D_PROTO_ARG
 * @@line 9
 * copyinstr takes a user address, not a string.
 */

BEGIN
{
	trace(copyinstr(execname));
}
