/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message syntax error near "int"
 * sizeof of a type name needs parentheses.
 */

BEGIN
{
	trace(sizeof int);
}
