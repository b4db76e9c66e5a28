/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message extra ) in input stream
 * A closing parenthesis with no opening one is rejected by the lexer itself.
 */

BEGIN
{
	trace(pid));
}
