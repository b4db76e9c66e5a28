/*
 * #pragma D option specsize=24 holds one 16-byte record (header and an
 * int): the second is a speculative drop.
 */

#pragma D option quiet

#pragma D option specsize=24

BEGIN
{
	s = speculation();
}

BEGIN
{
	speculate(s);
	printf("%d\n", 1);
}

BEGIN
{
	speculate(s);
	printf("%d\n", 2);
}

BEGIN
{
	commit(s);
}

BEGIN
{
	exit(0);
}
