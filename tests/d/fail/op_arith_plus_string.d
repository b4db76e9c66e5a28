/*
 * @@tag D_OP_ARITH
 * @@line 10
 * @@message operator + requires an operand of arithmetic type
 * Unary plus on a string.
 */

BEGIN
{
	trace(+probename);
}
