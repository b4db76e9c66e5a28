/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message syntax error near "@"
 * A bare '@' is an aggregation name and cannot be used as an operator.
 */

BEGIN
{
	x = 5 @ 2;
}
