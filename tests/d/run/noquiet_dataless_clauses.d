/*
 * Without -q, a clause whose actions all store no data in the principal
 * buffer (aggregations, assignments, commit(), discard()) prints no probe
 * line; an empty clause and one holding only speculate() do.
 */

BEGIN
{
	@a = count();
}

BEGIN
{
	self->x = 1;
}

BEGIN
{
	s = speculation();
}

BEGIN
{
	speculate(s);
}

BEGIN
{
	discard(s);
}

BEGIN
{
}

BEGIN
{
	exit(0);
}
