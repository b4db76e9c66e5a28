/*
 * @@tag D_DECL_PROTO_FORM
 * @@line 8
 * @@message parameter is already declared in array prototype: row, parameter #2
 * Parameter names in a tuple signature must be unique.
 */

int grid[int row, int row];
