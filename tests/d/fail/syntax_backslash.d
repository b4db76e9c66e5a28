/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message syntax error near "\"
 * A backslash not followed by a newline is not a D token.
 */

BEGIN
{
	x = 4 \ 2;
}
