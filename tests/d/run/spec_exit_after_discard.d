/*
 * @@flags -q
 * exit() may follow discard() in a clause (only commit() forbids later
 * data-recording actions).
 */

BEGIN
{
	s = speculation();
}

BEGIN
{
	speculate(s);
	printf("spec\n");
}

BEGIN
{
	discard(s);
	exit(0);
}
