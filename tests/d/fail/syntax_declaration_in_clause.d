/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message syntax error near "int"
 * Declarations belong at the outer scope, not inside clauses.
 */

BEGIN
{
	int count;
	count = 1;
}
