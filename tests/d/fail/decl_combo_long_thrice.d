/*
 * @@tag D_DECL_COMBO
 * @@line 8
 * @@message the attribute 'long' may only be used at most twice in a declaration
 * long may appear at most twice.
 */

long long long big;
