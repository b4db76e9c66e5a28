/*
 * @@tag D_OP_SOU
 * @@line 11
 * @@message operator . cannot be applied to type "int"; must be applied to a struct or union
 * . applied to an integer.
 */

BEGIN
{
	x = 5;
	trace(x.field);
}
