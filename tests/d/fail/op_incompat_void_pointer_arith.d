/*
 * @@tag D_OP_INCOMPAT
 * @@line 10
 * @@message operands have incompatible types: "void *" + "int"
 * A void pointer's element size is unknown, so it takes no arithmetic.
 */

BEGIN
{
	trace(alloca(8) + 1);
}
