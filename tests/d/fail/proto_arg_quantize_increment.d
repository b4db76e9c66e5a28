/*
 * @@tag D_PROTO_ARG
 * @@line 10
 * @@message quantize( ) increment value (argument #2) must be of scalar type
 * The quantize increment must be scalar.
 */

profile-97
{
	@q = quantize(arg0, "heavy");
}
