/*
 * @@tag D_DECL_ARRBIG
 * @@line 8
 * @@message array dimension too big
 * A dimension beyond 32 bits.
 */

char huge[0x100000000];
