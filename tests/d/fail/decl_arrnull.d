/*
 * @@tag D_DECL_ARRNULL
 * @@line 8
 * @@message array declaration requires array dimension or tuple signature: samples
 * An array declared with empty brackets.
 */

int samples[];
