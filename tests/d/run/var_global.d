/*
 * @@flags -q
 * A global variable updated in several clauses.
 */

BEGIN
{
	x = 5;
}

BEGIN
{
	x += 3;
	printf("%d\n", x);
	exit(0);
}
