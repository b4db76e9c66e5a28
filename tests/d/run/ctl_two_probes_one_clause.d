/*
 * @@flags -q
 * One clause for BEGIN and END: it runs for each, probename tells which.
 */

BEGIN,
END
{
	printf("%s\n", probename);
}

BEGIN
{
	exit(0);
}
