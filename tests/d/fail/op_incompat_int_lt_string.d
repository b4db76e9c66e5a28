/*
 * @@tag D_OP_INCOMPAT
 * @@line 11
 * @@message operands have incompatible types: "int" < "string"
 * An integer variable compared with a string.
 */

BEGIN
{
	limit = 10;
	trace(limit < "ten");
}
