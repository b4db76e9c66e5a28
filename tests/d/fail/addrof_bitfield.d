/*
 * @@tag D_ADDROF_BITFIELD
 * @@line 16
 * @@message cannot take address of bit-field
 * A bit-field has no address.
 */

struct mode {
	unsigned int on : 1;
	unsigned int level : 3;
};

BEGIN
{
	this->m = (struct mode *)alloca(sizeof (struct mode));
	trace(&this->m->level);
}
