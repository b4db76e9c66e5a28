/*
 * @@tag D_PROTO_ARG
 * @@line 9
 * args[] must be indexed by an integer constant.
 */

profile-97
{
	trace(args[cpu]);
}
