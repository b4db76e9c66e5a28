/*
 * @@tag D_DECL_BFSIZE
 * @@line 9
 * @@message bit-field too big for type: flag
 * A bit-field wider than its type.
 */

struct packed {
	unsigned char flag : 9;
};
