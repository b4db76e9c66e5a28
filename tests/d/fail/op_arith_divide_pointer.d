/*
 * @@tag D_OP_ARITH
 * @@line 11
 * @@message operator / requires operands of arithmetic type
 * Dividing a pointer.
 */

BEGIN
{
	this->p = (int *)alloca(8);
	trace(this->p / 2);
}
