/*
 * @@flags -q
 * A clause-local variable keeps its value across the clauses of one probe.
 */

BEGIN
{
	this->x = 5;
}

BEGIN
{
	this->x = this->x + 1;
}

BEGIN
{
	printf("%d\n", this->x);
	exit(0);
}
