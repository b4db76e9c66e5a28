/*
 * @@tag D_OP_VFPTR
 * @@line 11
 * @@message operator ++ requires an operand of known size
 * A void pointer has no element size to step by.
 */

BEGIN
{
	this->vp = (void *)alloca(16);
	this->vp++;
}
