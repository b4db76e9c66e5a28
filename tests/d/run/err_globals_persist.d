/*
 * @@flags -q
 * Stores made before the fault stay; the clause's later actions do not run.
 */

BEGIN
{
	x = 1;
	y = *(int *)0;
	x = 2;
}

BEGIN
{
	printf("%d\n", x);
	exit(0);
}
