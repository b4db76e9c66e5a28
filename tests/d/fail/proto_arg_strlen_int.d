/*
 * @@tag D_PROTO_ARG
 * @@line 9
 * strlen of an integer.
 */

BEGIN
{
	trace(strlen(pid));
}
