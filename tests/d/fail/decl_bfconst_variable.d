/*
 * @@tag D_DECL_BFCONST
 * @@line 9
 * @@message positive integral constant expression expected as bit-field size
 * A bit-field width that is not constant.
 */

struct packed {
	int ready : pid;
};
