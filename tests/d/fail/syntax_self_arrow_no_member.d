/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message syntax error near "="
 * self-> must be followed by a variable name.
 */

BEGIN
{
	self-> = 1;
}
