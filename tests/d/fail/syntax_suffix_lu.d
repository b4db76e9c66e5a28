/*
 * @@tag D_SYNTAX
 * @@line 11
 * @@message syntax error near "u"
 * The unsigned suffix must come before the long suffix; 'lu' leaves a stray
 * identifier.
 */

BEGIN
{
	x = 10lu;
}
