/*
 * @@tag D_DECL_USELESS
 * @@line 8
 * @@message useless declaration
 * A type with no declarator declares nothing.
 */

int;
