/*
 * @@tag D_DECL_VOIDATTR
 * @@line 8
 * @@message invalid type declaration: attributes may not be used with void type
 * void takes no sign.
 */

unsigned void nothing;
