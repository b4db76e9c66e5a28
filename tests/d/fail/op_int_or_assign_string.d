/*
 * @@tag D_OP_INT
 * @@line 11
 * @@message operator |= requires operands of integral type
 * |= on a string variable.
 */

BEGIN
{
	flags = "rw";
	flags |= 4;
}
