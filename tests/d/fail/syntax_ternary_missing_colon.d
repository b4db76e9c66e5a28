/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message syntax error near ";"
 * A conditional expression without its colon part.
 */

BEGIN
{
	x = pid > 0 ? 1;
}
