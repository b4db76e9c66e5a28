/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message syntax error near "]"
 * An empty subscript is not an expression.
 */

BEGIN
{
	x[] = 1;
}
