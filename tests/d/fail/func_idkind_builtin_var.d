/*
 * @@tag D_FUNC_IDKIND
 * @@line 10
 * @@message scalar 'pid' may not be referenced as a function
 * A built-in variable called like a function.
 */

BEGIN
{
	trace(pid(1));
}
