/*
 * @@tag D_DECL_CLASS
 * @@line 8
 * @@message only one storage class allowed in a declaration
 * typedef is a storage class and cannot be combined with extern.
 */

typedef extern int count_t;
