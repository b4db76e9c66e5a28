/*
 * @@tag D_DECL_PROTO_NAME
 * @@line 8
 * @@message void parameter may not have a name: v
 * A void parameter cannot have a name.
 */

int reset(void v);
