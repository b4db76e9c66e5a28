/*
 * @@tag D_DECL_COMBO
 * @@line 8
 * @@message invalid type combination
 * string combined with another base type.
 */

string int s;
