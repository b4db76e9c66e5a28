/*
 * @@tag D_DECL_BFTYPE
 * @@line 9
 * @@message invalid type for bit-field: (anon)
 * An unnamed bit-field is named "(anon)" in messages.
 */

struct bits {
	float : 1;
} xyz;
