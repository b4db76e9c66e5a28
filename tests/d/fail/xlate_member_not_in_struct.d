/*
 * @@tag D_XLATE_MEMB
 * @@line 12
 * @@message translator member b is not a member of struct out
 * A translator may only define members of its output type.
 */

struct out {
	int a;
};

translator struct out < int v > { a = v; b = v; };
