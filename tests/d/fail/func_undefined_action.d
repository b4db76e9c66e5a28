/*
 * @@tag D_FUNC_UNDEF
 * @@line 10
 * @@message undefined function name: println
 * An unknown action name used as a statement.
 */

BEGIN
{
	println("hello");
}
