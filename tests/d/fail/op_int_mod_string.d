/*
 * @@tag D_OP_INT
 * @@line 10
 * @@message operator % requires operands of integral type
 * The remainder operator needs integers.
 */

BEGIN
{
	trace(execname % 2);
}
