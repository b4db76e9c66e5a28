/*
 * @@tag D_OP_PTR
 * @@line 11
 * @@message operator -> must be applied to a pointer
 * -> applied to an integer.
 */

BEGIN
{
	x = 5;
	trace(x->field);
}
