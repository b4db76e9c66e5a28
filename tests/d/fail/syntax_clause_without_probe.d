/*
 * @@tag D_SYNTAX
 * @@line 8
 * @@message syntax error near "{"
 * An action list with no probe description in front of it.
 */

{
	trace(1);
}
