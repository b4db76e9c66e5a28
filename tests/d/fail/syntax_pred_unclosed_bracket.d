/*
 * @@tag D_SYNTAX
 * @@line 14
 * @@message closing ] expected in predicate before /
 * The lexer notices an unclosed bracket when the predicate ends.
 */

BEGIN
{
	seen[0] = 1;
}

END
/ seen[0 / {
	trace(1);
}
