/*
 * @@tag D_DECL_LONGINT
 * @@line 8
 * @@message invalid type declaration: long and long long may only be used with integer or floating-point type
 * long only applies to integer and floating-point types.
 */

long string text;
