/*
 * @@tag D_SYNTAX
 * @@line 9
 * @@message syntax error near "/"
 * A predicate needs an expression between the slashes.
 */

BEGIN
/ / {
	trace(1);
}
