/*
 * @@tag D_OP_INCOMPAT
 * @@line 11
 * @@message operands have incompatible types: "int" - "int *"
 * An integer minus a pointer has no meaning.
 */

BEGIN
{
	this->p = (int *)alloca(8);
	trace(8 - this->p);
}
