/*
 * @@tag D_OP_INCOMPAT
 * @@line 12
 * @@message operands have incompatible types: "int *" == "int"
 * A pointer compares only with a compatible pointer or the constant 0.
 */

int *p;

BEGIN
{
	trace(p == 1);
}
