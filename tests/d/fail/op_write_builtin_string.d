/*
 * @@tag D_OP_WRITE
 * @@line 10
 * @@message operator = can only be applied to a writable variable
 * execname cannot be overwritten.
 */

BEGIN
{
	execname = "impostor";
}
