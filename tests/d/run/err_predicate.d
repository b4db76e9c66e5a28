/*
 * @@flags -q
 * A fault in a predicate is reported "in predicate"; the clause does not run.
 */

BEGIN
{
	z = 0;
}

BEGIN
/10 / z/
{
	printf("must not run\n");
}

BEGIN
{
	printf("last\n");
	exit(0);
}
