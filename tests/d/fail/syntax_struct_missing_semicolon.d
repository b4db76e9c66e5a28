/*
 * @@tag D_SYNTAX
 * @@line 14
 * @@message syntax error near "{"
 * A struct definition missing its semicolon swallows the next probe name as
 * a declarator.
 */

struct point {
	int x;
	int y;
}

BEGIN {
	trace(1);
}
