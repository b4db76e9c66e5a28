/*
 * @@tag D_PROTO_ARG
 * @@line 9
 * The lquantize base must be an integer.
 */

profile-97
{
	@l = lquantize(arg0, "low", 100);
}
