/*
 * @@flags -q
 * Several BEGIN clauses run in program order.
 */

BEGIN
{
	printf("a\n");
}

BEGIN
{
	printf("b\n");
}

BEGIN
{
	printf("c\n");
	exit(0);
}
