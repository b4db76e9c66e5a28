/*
 * @@flags -q
 * exit() inside an if: the rest of that clause runs, later BEGIN clauses
 * do not.
 */

BEGIN
{
	if (1)
		exit(0);
	printf("rest\n");
}

BEGIN
{
	printf("skipped\n");
}
