/*
 * @@tag D_OFFSETOF_TYPE
 * @@line 10
 * @@message offsetof operand must be a struct or union type
 * string is not a struct.
 */

BEGIN
{
	trace(offsetof(string, len));
}
