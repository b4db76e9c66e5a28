/*
 * @@tag D_OP_SCALAR
 * @@line 10
 * @@message operator ! requires an operand of scalar type
 * Logical negation of a string.
 */

BEGIN
{
	trace(!execname);
}
