/*
 * @@tag D_DECL_CHARATTR
 * @@line 8
 * @@message invalid type declaration: short and long may not be used with char type
 * short cannot modify char either, in either order.
 */

char short c;
