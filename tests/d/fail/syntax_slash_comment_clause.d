/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message syntax error near "/"
 * Without -C a // comment inside a clause ends the action list early.
 */

BEGIN
{
	trace(1); // say hello
}
