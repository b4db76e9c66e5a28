/*
 * @@tag D_DECL_PROTO_VARARGS
 * @@line 8
 * @@message array prototype may not use a variable-length argument list
 * A tuple signature cannot end in an ellipsis.
 */

int flexible[int, ...];
