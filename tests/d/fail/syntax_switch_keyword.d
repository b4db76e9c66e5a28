/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message syntax error near "switch"
 * switch is reserved and cannot start a statement.
 */

BEGIN
{
	switch (pid) {
	}
}
