/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message syntax error near "for"
 * D has no for loops.
 */

BEGIN
{
	for (i = 0; i < 3; i++)
		trace(i);
}
