/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message syntax error near "#"
 * A '#' in the middle of a line is not a control line.
 */

BEGIN
{
	x = 1 # 2;
}
