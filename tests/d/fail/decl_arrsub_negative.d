/*
 * @@tag D_DECL_ARRSUB
 * @@line 8
 * @@message positive integral constant expression or tuple signature expected as array declaration subscript
 * A negative dimension.
 */

char buf[-8];
