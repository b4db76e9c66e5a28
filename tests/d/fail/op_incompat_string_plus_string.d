/*
 * @@tag D_OP_INCOMPAT
 * @@line 10
 * @@message operands have incompatible types: "string" + "string"
 * Strings act as pointers in +, and two pointers cannot be added.
 */

BEGIN
{
	s = execname + "-suffix";
}
