/*
 * @@tag D_OP_WRITE
 * @@line 10
 * @@message operator = can only be applied to a writable variable
 * Built-in variables are read-only.
 */

BEGIN
{
	pid = 1;
}
