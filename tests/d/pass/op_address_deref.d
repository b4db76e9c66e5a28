/*
 * Address-of and dereference on scratch memory and struct members.
 */

struct pair {
	int a;
	int b;
};

BEGIN
{
	this->pp = (struct pair *)alloca(sizeof (struct pair));
	this->bp = &this->pp->b;
	*this->bp = 12;
	this->ip = (int *)alloca(3 * sizeof (int));
	*this->ip = 1;
	*(this->ip + 1) = 2;
	this->ip[2] = 3;
	printf("%d %d %d %d\n", this->pp->b, *this->ip, this->ip[1], *(this->ip + 2));
}
