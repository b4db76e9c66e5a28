/*
 * @@tag D_FUNC_UNDEF
 * @@line 10
 * @@message undefined function name: strreverse
 * Calling a function D does not have.
 */

BEGIN
{
	trace(strreverse(execname));
}
