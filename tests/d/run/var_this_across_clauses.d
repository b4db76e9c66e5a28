/*
 * @@flags -q
 * Clause-local variables keep their values across the clauses of one probe firing.
 */

BEGIN
{
	this->v = 3;
}

BEGIN
{
	printf("%d\n", this->v);
	exit(0);
}
