/*
 * @@tag D_DECL_CHARATTR
 * @@line 8
 * @@message invalid type declaration: short and long may not be used with char type
 * long cannot modify char.
 */

long char wide;
