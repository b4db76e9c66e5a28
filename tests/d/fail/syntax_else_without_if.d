/*
 * @@tag D_SYNTAX
 * @@line 11
 * @@message syntax error near "else"
 * An else with no preceding if.
 */

BEGIN
{
	trace(1);
	else {
		trace(2);
	}
}
