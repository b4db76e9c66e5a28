/*
 * @@tag D_SYNTAX
 * @@line 12
 * @@message syntax error near "y"
 * Two statements without a semicolon between them; the parser stops at the
 * second.
 */

BEGIN
{
	x = 1
	y = 2;
}
