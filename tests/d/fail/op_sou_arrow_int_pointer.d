/*
 * @@tag D_OP_SOU
 * @@line 11
 * @@message operator -> cannot be applied to pointer to type "int"; must be applied to a struct or union pointer
 * -> through a pointer to a non-struct type.
 */

BEGIN
{
	this->ip = (int *)alloca(8);
	trace(this->ip->field);
}
