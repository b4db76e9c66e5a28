/*
 * @@tag D_DECL_SIGNINT
 * @@line 12
 * @@message invalid type declaration: signed and unsigned may only be used with integer type
 * A struct cannot be signed.
 */

struct s {
	int a;
};

signed struct s sv;
