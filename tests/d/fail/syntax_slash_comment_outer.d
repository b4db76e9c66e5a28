/*
 * @@tag D_SYNTAX
 * @@line 9
 * @@message syntax error near "/"
 * Without -C there are no // comments; at the outer scope the first slash is
 * a syntax error.
 */

// count system activity
BEGIN
{
	trace(1);
}
