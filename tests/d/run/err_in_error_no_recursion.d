/*
 * @@flags -q
 * A fault inside an ERROR clause does not fire ERROR again and prints
 * no fault message: DTrace counts a double error, which the first status
 * check (before the buffers are consumed) reports.
 */

BEGIN
{
	y = *(int *)0;
}

ERROR
{
	n++;
	q = *(int *)4;
}

BEGIN
{
	printf("%d\n", n);
	exit(0);
}
