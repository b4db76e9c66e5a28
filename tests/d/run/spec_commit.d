/*
 * @@flags -q
 * commit() copies the speculative records into the principal buffer
 * where the commit happens: after records traced before it.
 */

BEGIN
{
	s = speculation();
}

BEGIN
{
	speculate(s);
	printf("speculative\n");
}

BEGIN
{
	printf("principal\n");
}

BEGIN
{
	commit(s);
}

BEGIN
{
	printf("after commit\n");
	exit(0);
}
