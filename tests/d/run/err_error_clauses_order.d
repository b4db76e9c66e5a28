/*
 * @@flags -q
 * Several ERROR clauses run in order for one fault.
 */

BEGIN
{
	a = *(int *)0;
}

ERROR
{
	printf("first\n");
}

ERROR
{
	printf("second\n");
}

BEGIN
{
	exit(0);
}
