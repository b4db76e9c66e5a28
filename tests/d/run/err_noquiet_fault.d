/*
 * Without -q: the matched notice, then the fault on stderr; only the
 * clause that completed prints its probe line.
 */

BEGIN
{
	y = *(int *)0;
}

BEGIN
{
	exit(0);
}
