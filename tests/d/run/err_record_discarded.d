/*
 * @@flags -q
 * Data recorded before a fault in the same clause is discarded.
 */

BEGIN
{
	printf("before\n");
	y = *(int *)0;
	printf("after\n");
}

BEGIN
{
	exit(0);
}
