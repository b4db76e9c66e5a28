/*
 * @@tag D_SYNTAX
 * @@line 12
 * @@message syntax error near "}"
 * A closing brace after a complete clause is read at the outer scope.
 */

BEGIN
{
	trace(1);
}
}
