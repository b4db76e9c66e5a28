/*
 * A struct definition used through a pointer to scratch memory.
 */

struct point {
	int x;
	int y;
};

BEGIN
{
	this->p = (struct point *)alloca(sizeof (struct point));
	this->p->x = 3;
	this->p->y = 4;
	printf("(%d, %d)\n", this->p->x, this->p->y);
	printf("size %d\n", sizeof (struct point));
}
