/*
 * @@tag D_OFFSETOF_TYPE
 * @@line 10
 * @@message offsetof operand must be a struct or union type
 * offsetof of a scalar type.
 */

BEGIN
{
	trace(offsetof(int, x));
}
