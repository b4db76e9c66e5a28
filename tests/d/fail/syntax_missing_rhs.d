/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message syntax error near ";"
 * An assignment without a right-hand side.
 */

BEGIN
{
	x = ;
}
