/*
 * A global, a thread-local and a clause-local may share a name.
 */

BEGIN
{
	v = 1;
	self->v = 2;
	this->v = 3;
	printf("%d %d %d\n", v, self->v, this->v);
}
