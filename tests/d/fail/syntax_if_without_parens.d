/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message syntax error near "pid"
 * The condition of an if statement must be parenthesized.
 */

BEGIN
{
	if pid {
		trace(pid);
	}
}
