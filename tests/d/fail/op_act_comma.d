/*
 * @@tag D_OP_ACT
 * @@line 10
 * @@message operator , operands cannot be actions
 * Actions cannot be operands of the comma operator.
 */

BEGIN
{
	trace(1), trace(2);
}
