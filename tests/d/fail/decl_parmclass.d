/*
 * @@tag D_DECL_PARMCLASS
 * @@line 8
 * @@message inappropriate storage class for function or associative array parameter
 * Tuple signature parameters take no storage class.
 */

int table[static int];
