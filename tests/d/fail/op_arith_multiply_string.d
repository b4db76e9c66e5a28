/*
 * @@tag D_OP_ARITH
 * @@line 10
 * @@message operator * requires operands of arithmetic type
 * Multiplying a string.
 */

BEGIN
{
	trace(execname * 2);
}
