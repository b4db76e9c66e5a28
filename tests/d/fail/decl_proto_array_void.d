/*
 * @@tag D_DECL_PROTO_TYPE
 * @@line 8
 * @@message array prototype may not use parameter of type void: (anonymous), parameter #1
 * A tuple signature cannot contain void.
 */

int counts[void];
