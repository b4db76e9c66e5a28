/*
 * @@flags -q
 * @@status 3
 * exit() from the ERROR probe: END runs and the status is ERROR's.
 */

BEGIN
{
	y = *(int *)0;
}

ERROR
{
	exit(3);
}

END
{
	printf("end\n");
}
