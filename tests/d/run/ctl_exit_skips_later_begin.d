/*
 * @@flags -q
 * Once a BEGIN clause has called exit(), later BEGIN clauses are not
 * evaluated; END still runs.
 */

BEGIN
{
	printf("first\n");
	exit(0);
}

BEGIN
{
	printf("second\n");
}

END
{
	printf("end\n");
}
