/*
 * Without -q a clause whose predicate is false prints nothing.
 */

BEGIN
/0/
{
	printf("no");
}

BEGIN
{
	exit(0);
}
