/*
 * @@tag D_OP_LVAL
 * @@line 10
 * @@message operator ++ requires modifiable lvalue as an operand
 * Incrementing a constant.
 */

BEGIN
{
	trace(5++);
}
