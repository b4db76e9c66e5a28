/*
 * @@tag D_DECL_COMBO
 * @@line 8
 * @@message the attribute 'short' may only be used at most once in a declaration
 * short may appear only once.
 */

short short tiny;
