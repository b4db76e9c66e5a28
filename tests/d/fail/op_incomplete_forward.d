/*
 * @@tag D_OP_INCOMPLETE
 * @@line 12
 * @@message operator -> cannot be applied to a forward declaration: no struct zz_opaque_handle definition is available
 * -> through a pointer to a struct that is never defined.
 */

struct zz_opaque_handle *handle;

BEGIN
{
	trace(handle->refcount);
}
