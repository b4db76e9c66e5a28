/*
 * @@flags -q
 * Several clauses speculating on one id: commit prints them in order.
 */

BEGIN
{
	s = speculation();
}

BEGIN
{
	speculate(s);
	printf("one\n");
}

BEGIN
{
	speculate(s);
	printf("two %d\n", 2);
}

BEGIN
{
	speculate(s);
	printf("%s\n", "three");
}

BEGIN
{
	commit(s);
}

BEGIN
{
	exit(0);
}
