/*
 * @@tag D_SYNTAX
 * @@line 13
 * @@message syntax error near end of input
 * A clause left open until the end of the file fails at end of input, on the
 * line after the last newline.
 */

BEGIN
{
	trace(1);
	exit(0);
