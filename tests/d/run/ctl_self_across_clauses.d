/*
 * @@flags -q
 * Thread-local variables are shared by the clauses of a probe.
 */

BEGIN
{
	self->v = 9;
}

BEGIN
{
	printf("%d\n", self->v);
	exit(0);
}
