/*
 * @@flags -q
 * A true constant predicate lets the clause run.
 */

BEGIN
/1/
{
	printf("ran\n");
}

BEGIN
{
	exit(0);
}
