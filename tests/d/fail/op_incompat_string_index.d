/*
 * @@tag D_OP_INCOMPAT
 * @@line 11
 * @@message operands have incompatible types: "string" + "int"
 * Strings are not pointers: s[1] is s + 1, which D refuses.
 */

BEGIN
{
	s = "abc";
	c = s[1];
}
