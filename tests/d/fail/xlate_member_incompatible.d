/*
 * @@tag D_XLATE_INCOMPAT
 * @@line 12
 * @@message translator member a definition uses incompatible types: "int" = "string"
 * A translator member's expression must match the member type.
 */

struct out {
	int a;
};

translator struct out < int v > { a = "text"; };
