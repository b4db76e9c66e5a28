/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message syntax error near "do"
 * do is reserved and cannot start a statement.
 */

BEGIN
{
	do {
		trace(1);
	} while (0);
}
