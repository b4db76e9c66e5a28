/*
 * @@flags -q
 * @@status 2
 * exit() after the faulting action never runs: a later exit() decides.
 */

BEGIN
{
	x = *(int *)0;
	exit(1);
}

BEGIN
{
	exit(2);
}
