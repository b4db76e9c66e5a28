/*
 * @@tag D_DECL_ARRNULL
 * @@line 8
 * @@message inline declaration cannot be of scalar array type: table
 * An inline cannot be a scalar array.
 */

inline int table[4] = 1;
