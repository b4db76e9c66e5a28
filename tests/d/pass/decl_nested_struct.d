/*
 * A struct containing a nested struct, an array member and a pointer to its
 * own type.
 */

struct range {
	uint64_t lo;
	uint64_t hi;
};

struct node {
	struct range r;
	char label[8];
	struct node *next;
	int flags;
};

BEGIN
{
	this->n = (struct node *)alloca(sizeof (struct node));
	this->n->r.lo = 1;
	this->n->r.hi = 100;
	this->n->next = this->n;
	this->n->flags = 0;
	trace(this->n->next->r.hi - this->n->r.lo);
	trace(offsetof(struct node, next));
}
