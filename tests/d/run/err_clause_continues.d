/*
 * @@flags -q
 * A fault ends its clause; ERROR runs at once; the probe's later clauses
 * still run.
 */

ERROR
{
	printf("error fired\n");
}

BEGIN
{
	y = *(int *)0;
}

BEGIN
{
	printf("next clause\n");
	exit(0);
}
