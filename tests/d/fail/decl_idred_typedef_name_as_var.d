/*
 * @@tag D_DECL_IDRED
 * @@line 8
 * @@message typedef identifier redeclared: uint32_t
 * A variable named like a predefined typedef.
 */

int uint32_t;
