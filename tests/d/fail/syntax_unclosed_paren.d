/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message syntax error near ";"
 * An unclosed parenthesis inside a call is found at the semicolon.
 */

BEGIN
{
	trace((pid + 1);
}
