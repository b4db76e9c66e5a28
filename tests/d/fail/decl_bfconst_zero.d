/*
 * @@tag D_DECL_BFCONST
 * @@line 9
 * @@message positive integral constant expression expected as bit-field size
 * A named bit-field of width zero.
 */

struct packed {
	int ready : 0;
};
