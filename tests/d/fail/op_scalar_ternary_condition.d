/*
 * @@tag D_OP_SCALAR
 * @@line 10
 * @@message operator ?: expression must be of scalar type
 * The condition of ?: must be scalar.
 */

BEGIN
{
	x = execname ? 1 : 0;
}
