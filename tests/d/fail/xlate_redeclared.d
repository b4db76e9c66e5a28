/*
 * @@tag D_XLATE_REDECL
 * @@line 13
 * @@message translator from int to struct out has already been declared
 * Only one translator per source and output type.
 */

struct out {
	int a;
};

translator struct out < int v > { a = v; };
translator struct out < int w > { a = w + 1; };
