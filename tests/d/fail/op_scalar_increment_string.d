/*
 * @@tag D_OP_SCALAR
 * @@line 11
 * @@message operator ++ requires operand of scalar type
 * ++ on a string variable.
 */

BEGIN
{
	self->name = execname;
	self->name++;
}
