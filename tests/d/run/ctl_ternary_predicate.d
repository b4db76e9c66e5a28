/*
 * @@flags -q
 * ?: in a predicate.
 */

BEGIN
{
	x = 0;
}

BEGIN
/x ? 0 : 1/
{
	printf("taken\n");
	exit(0);
}
