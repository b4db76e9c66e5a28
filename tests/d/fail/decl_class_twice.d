/*
 * @@tag D_DECL_CLASS
 * @@line 8
 * @@message only one storage class allowed in a declaration
 * A declaration takes one storage class.
 */

extern extern int ticks;
