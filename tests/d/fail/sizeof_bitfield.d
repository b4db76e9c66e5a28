/*
 * @@tag D_SIZEOF_BITFIELD
 * @@line 16
 * @@message cannot apply sizeof to a bit-field
 * A bit-field has no byte size.
 */

struct mode {
	unsigned int on : 1;
	unsigned int level : 3;
};

BEGIN
{
	this->m = (struct mode *)alloca(sizeof (struct mode));
	trace(sizeof (this->m->level));
}
