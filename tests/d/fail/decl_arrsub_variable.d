/*
 * @@tag D_DECL_ARRSUB
 * @@line 8
 * @@message positive integral constant expression or tuple signature expected as array declaration subscript
 * A dimension that is not a constant.
 */

int per_cpu[cpu];
