/*
 * Member access through pointers, dots on nested structs, and subscripts.
 */

struct inner {
	int vals[4];
};

struct outer {
	struct inner in;
	struct inner *ip;
};

BEGIN
{
	this->o = (struct outer *)alloca(sizeof (struct outer));
	this->o->ip = &this->o->in;
	this->o->in.vals[2] = 9;
	this->o->ip->vals[3] = this->o->in.vals[2] + 1;
	printf("%d %d\n", this->o->ip->vals[2], (*this->o).in.vals[3]);
}
