/*
 * @@tag D_OP_INT
 * @@line 10
 * @@message operator ~ requires an operand of integral type
 * Bitwise negation needs an integer.
 */

BEGIN
{
	trace(~probename);
}
