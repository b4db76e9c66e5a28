/*
 * @@tag D_SYNTAX
 * @@line 10
 * @@message syntax error near "counter"
 * counter is a reserved word in D and cannot name a variable.
 */

BEGIN
{
	counter = 1;
}
