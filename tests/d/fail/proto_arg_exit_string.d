/*
 * @@tag D_PROTO_ARG
 * @@line 9
 * exit takes an integer status.
 */

BEGIN
{
	exit("done");
}
