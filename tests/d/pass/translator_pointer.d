/*
 * A translator from one struct pointer type to another, used through xlate
 * to a pointer.
 */

struct raw {
	uint32_t a;
	uint32_t b;
};

struct cooked {
	uint64_t sum;
	int bigger_a;
};

translator struct cooked < struct raw *r > {
	sum = r->a + r->b;
	bigger_a = r->a > r->b;
};

BEGIN
{
	this->r = (struct raw *)alloca(sizeof (struct raw));
	this->r->a = 5;
	this->r->b = 3;
	trace(xlate<struct cooked *>(this->r)->sum);
	trace(xlate<struct cooked>(this->r).bigger_a);
}
