/*
 * @@tag D_OP_LVAL
 * @@line 11
 * @@message operator = requires modifiable lvalue as an operand
 * Assigning to the result of an arithmetic expression.
 */

BEGIN
{
	x = 1;
	(x + 1) = 3;
}
