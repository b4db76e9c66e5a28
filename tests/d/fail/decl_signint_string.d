/*
 * @@tag D_DECL_SIGNINT
 * @@line 8
 * @@message invalid type declaration: signed and unsigned may only be used with integer type
 * signed and unsigned only apply to integers.
 */

unsigned string name;
