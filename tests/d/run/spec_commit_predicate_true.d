/*
 * @@flags -q
 * The commit branch taken: the speculative record is printed.
 */

BEGIN
{
	s = speculation();
	ok = 1;
}

BEGIN
{
	speculate(s);
	printf("details\n");
}

BEGIN
/ok/
{
	commit(s);
}

BEGIN
/!ok/
{
	discard(s);
}

BEGIN
{
	printf("done\n");
	exit(0);
}
