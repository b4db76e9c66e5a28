/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message syntax error near ";"
 * An aggregating function call missing its closing parenthesis.
 */

profile-97
{
	@hits[execname] = count(;
}
