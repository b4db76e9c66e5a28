/*
 * @@tag D_DECL_DYNOBJ
 * @@line 9
 * @@message cannot have dynamic member: rows
 * A struct member cannot be an associative array.
 */

struct table {
	int rows[string];
};
