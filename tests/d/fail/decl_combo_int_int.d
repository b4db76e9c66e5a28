/*
 * @@tag D_DECL_COMBO
 * @@line 8
 * @@message invalid type combination
 * Two base types in one declaration.
 */

int int hits;
