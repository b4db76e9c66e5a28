/*
 * @@tag D_PROTO_ARG
 * @@line 9
 * speculate takes a speculation identifier.
 */

tick-1sec
{
	speculate("spec");
}
