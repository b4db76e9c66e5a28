/*
 * @@tag D_OP_SCALAR
 * @@line 10
 * @@message operator ^^ requires operands of scalar type
 * A string as an operand of ^^.
 */

BEGIN
{
	trace(execname ^^ 1);
}
