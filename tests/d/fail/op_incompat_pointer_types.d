/*
 * @@tag D_OP_INCOMPAT
 * @@line 12
 * @@message operands have incompatible types: "int *" == "char *"
 * Pointers to different types cannot be compared.
 */

BEGIN
{
	this->ip = (int *)alloca(8);
	this->cp = (char *)alloca(8);
	trace(this->ip == this->cp);
}
