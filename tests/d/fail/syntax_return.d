/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message syntax error near "return"
 * Clauses cannot return values.
 */

BEGIN
{
	return 1;
}
