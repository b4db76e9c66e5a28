/*
 * @@tag D_DECL_COMBO
 * @@line 8
 * @@message the attribute 'unsigned' may only be used at most once in a declaration
 * unsigned may appear only once.
 */

unsigned unsigned int u;
