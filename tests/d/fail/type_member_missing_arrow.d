/*
 * @@tag D_TYPE_MEMBER
 * @@line 16
 * @@message w is not a member of struct point
 * A missing member reached through a pointer.
 */

struct point {
	int x;
	int y;
};

BEGIN
{
	this->p = (struct point *)alloca(sizeof (struct point));
	this->p->w = 1;
}
