/*
 * @@tag D_OFFSETOF_BITFIELD
 * @@line 15
 * @@message cannot take offset of a bit-field: level
 * A bit-field has no byte offset.
 */

struct mode {
	unsigned int on : 1;
	unsigned int level : 3;
};

BEGIN
{
	trace(offsetof(struct mode, level));
}
