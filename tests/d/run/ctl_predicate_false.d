/*
 * @@flags -q
 * A false constant predicate skips the clause.
 */

BEGIN
/0/
{
	printf("must not run\n");
}

BEGIN
{
	printf("ok\n");
	exit(0);
}
