/*
 * @@tag D_DECL_PROTO_VARARGS
 * @@line 9
 * @@message probe input prototype may not use a variable-length argument list
 * A provider probe cannot take variable arguments.
 */

provider app {
	probe log(int, ...);
};
