/*
 * @@tag D_OP_INCOMPAT
 * @@line 11
 * @@message operands have incompatible types: "int" = "string"
 * A global's type is fixed by its first assignment.
 */

BEGIN
{
	x = 1;
	x = "one";
}
