/*
 * @@flags -q
 * An ERROR clause can select faults by EPID (arg1).
 */

BEGIN
{
	a = *(int *)0;
}

BEGIN
{
	z = 0;
	b = 1 / z;
}

ERROR
/arg1 == 2/
{
	printf("second clause faulted: %d\n", arg4);
}

BEGIN
{
	exit(0);
}
