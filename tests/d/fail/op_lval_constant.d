/*
 * @@tag D_OP_LVAL
 * @@line 10
 * @@message operator = requires modifiable lvalue as an operand
 * Assigning to a constant.
 */

BEGIN
{
	1 = 2;
}
