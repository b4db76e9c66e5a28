/*
 * @@flags -q
 * The usual pattern: commit or discard chosen by predicates.
 */

BEGIN
{
	s = speculation();
	ok = 0;
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
