/*
 * @@tag D_OP_INCOMPAT
 * @@line 10
 * @@message operator ?: operands must have compatible types
 * The branches of ?: must have compatible types.
 */

BEGIN
{
	x = pid > 0 ? "positive" : 0x10;
}
