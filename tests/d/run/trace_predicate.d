/*
 * @@flags -q
 * A false predicate suppresses its clause.
 */

BEGIN
/1 == 2/
{
	printf("no\n");
}

BEGIN
/2 > 1/
{
	printf("yes\n");
	exit(0);
}
