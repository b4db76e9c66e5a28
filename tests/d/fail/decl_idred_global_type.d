/*
 * @@tag D_DECL_IDRED
 * @@line 8
 * A global redeclared with a different type.
 */

int total;
long total;
