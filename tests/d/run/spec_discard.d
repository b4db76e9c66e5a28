/*
 * @@flags -q
 * discard() throws the speculative records away.
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
	discard(s);
}

BEGIN
{
	printf("principal\n");
	exit(0);
}
