/*
 * @@tag D_UNKNOWN
 * @@line 10
 * @@message failed to define member 'x': Duplicate member or variable name
 * A struct cannot have two members of the same name.
 */

struct s {
	int x;
	int x;
};
