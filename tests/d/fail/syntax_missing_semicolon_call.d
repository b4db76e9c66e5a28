/*
 * @@tag D_SYNTAX
 * @@line 11
 * @@message syntax error near "trace"
 * A missing semicolon after a call is reported at the next action's name.
 */

BEGIN
{
	printf("starting\n")
	trace(timestamp);
}
