/*
 * Without -q, ERROR's trace() of arg4 prints on ERROR's probe line.
 */

BEGIN
{
	x = *(int *)0;
}

ERROR
{
	printf("fault %d", arg4);
}

BEGIN
{
	exit(0);
}
