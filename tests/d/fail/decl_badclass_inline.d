/*
 * @@tag D_DECL_BADCLASS
 * @@line 8
 * @@message specified storage class not appropriate for inline declaration
 * An inline cannot also be extern.
 */

inline extern int LIMIT = 3;
