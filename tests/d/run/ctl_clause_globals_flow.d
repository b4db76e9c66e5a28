/*
 * @@flags -q
 * A global set by one clause is seen by the next clause of the same probe.
 */

BEGIN
{
	n = 1;
}

BEGIN
{
	n = n * 10;
}

BEGIN
{
	printf("%d\n", n + 2);
	exit(0);
}
