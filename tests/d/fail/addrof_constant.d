/*
 * @@tag D_ADDROF_LVAL
 * @@line 10
 * @@message unacceptable operand for unary & operator
 * The address of a computed value.
 */

BEGIN
{
	trace(&(pid + 1));
}
