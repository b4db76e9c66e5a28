/*
 * @@tag D_PROTO_ARG
 * @@line 9
 * strjoin with an integer second argument.
 */

BEGIN
{
	trace(strjoin(execname, 7));
}
