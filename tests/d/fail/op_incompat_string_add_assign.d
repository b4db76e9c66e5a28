/*
 * @@tag D_OP_INCOMPAT
 * @@line 11
 * @@message operands have incompatible types: "string" += "int"
 * += cannot append to a string.
 */

BEGIN
{
	msg = "a";
	msg += 1;
}
