/*
 * @@tag D_SYNTAX
 * @@line 12
 * @@message syntax error near ","
 * A comma after a complete clause does not start another probe list.
 */

BEGIN
{
	trace(1);
}
, END
{
	trace(2);
}
