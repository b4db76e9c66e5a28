/*
 * @@tag D_OP_VFPTR
 * @@line 11
 * @@message operator += requires left-hand scalar operand of known size
 * += on a void pointer.
 */

BEGIN
{
	this->vp = alloca(16);
	this->vp += 4;
}
