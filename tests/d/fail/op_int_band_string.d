/*
 * @@tag D_OP_INT
 * @@line 10
 * @@message operator & requires operands of integral type
 * Bitwise and needs integers.
 */

BEGIN
{
	trace(execname & 1);
}
