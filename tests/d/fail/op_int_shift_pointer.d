/*
 * @@tag D_OP_INT
 * @@line 11
 * @@message operator << requires operands of integral type
 * Pointers cannot be shifted.
 */

BEGIN
{
	this->p = (char *)alloca(4);
	trace(this->p << 2);
}
