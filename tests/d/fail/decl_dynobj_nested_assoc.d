/*
 * @@tag D_DECL_DYNOBJ
 * @@line 8
 * @@message cannot declare array of associative arrays
 * Associative arrays cannot be nested.
 */

int matrix[int][string];
