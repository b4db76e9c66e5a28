/*
 * @@tag D_DECL_PROTO_VOID
 * @@line 8
 * @@message void must be sole parameter
 * void must be the only parameter.
 */

int lookup(void, int);
