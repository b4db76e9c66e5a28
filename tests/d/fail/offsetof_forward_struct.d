/*
 * @@tag D_OFFSETOF_TYPE
 * @@line 10
 * @@message offsetof operand must be a struct or union type
 * A struct tag that was never defined is only a forward declaration.
 */

BEGIN
{
	trace(offsetof(struct no_such_type, x));
}
