/*
 * @@tag D_OP_ARITH
 * @@line 11
 * @@message operator *= requires operands of arithmetic type
 * *= with a string operand.
 */

BEGIN
{
	factor = 3;
	factor *= "two";
}
