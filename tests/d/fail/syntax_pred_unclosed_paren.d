/*
 * @@tag D_SYNTAX
 * @@line 9
 * @@message closing ) expected in predicate before /
 * The lexer notices an unclosed parenthesis when the predicate ends.
 */

BEGIN
/ (pid > 0 / {
	trace(pid);
}
