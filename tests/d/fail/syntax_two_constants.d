/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message syntax error near "2"
 * Two adjacent constants are not an expression.
 */

BEGIN
{
	x = 1 2;
}
