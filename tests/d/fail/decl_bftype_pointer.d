/*
 * @@tag D_DECL_BFTYPE
 * @@line 9
 * @@message invalid type for bit-field: name
 * Only integers can be bit-fields.
 */

struct packed {
	char *name : 4;
};
