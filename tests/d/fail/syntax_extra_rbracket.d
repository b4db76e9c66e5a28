/*
 * @@tag D_SYNTAX
 * @@line 11
 * @@message extra ] in input stream
 * A closing bracket with no opening one is rejected by the lexer itself.
 */

BEGIN
{
	a[1] = 2;
	trace(a[1]]);
}
