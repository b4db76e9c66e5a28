/*
 * @@tag D_OP_LVAL
 * @@line 10
 * @@message operator = requires modifiable lvalue as an operand
 * An aggregation assignment is not itself assignable.
 */

BEGIN
{
	(@a = count()) = count();
}
