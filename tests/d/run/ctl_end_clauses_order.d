/*
 * @@flags -q
 * Several END clauses run in program order.
 */

BEGIN
{
	exit(0);
}

END
{
	printf("one\n");
}

END
{
	printf("two\n");
}

END
{
	printf("three\n");
}
