/*
 * @@tag D_DECL_COMBO
 * @@line 8
 * @@message invalid type combination
 * char and int together.
 */

char int c;
