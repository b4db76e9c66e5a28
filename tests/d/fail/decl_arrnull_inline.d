/*
 * @@tag D_DECL_ARRNULL
 * @@line 8
 * @@message inline declaration requires array tuple signature: lookup
 * An inline array needs a tuple signature.
 */

inline int lookup[] = 1;
