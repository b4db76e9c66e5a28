/*
 * @@tag D_DECL_TYPERED
 * @@line 12
 * @@message type redeclared: struct point
 * A struct defined twice.
 */

struct point {
	int x;
};

struct point {
	int y;
};
