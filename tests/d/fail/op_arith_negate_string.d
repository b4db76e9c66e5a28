/*
 * @@tag D_OP_ARITH
 * @@line 10
 * @@message operator - requires an operand of arithmetic type
 * Unary minus on a string.
 */

BEGIN
{
	trace(-execname);
}
