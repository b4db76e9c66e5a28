/*
 * @@flags -q
 * ERROR still fires after exit(): a fault in END runs the ERROR clause.
 */

BEGIN
{
	exit(0);
}

END
{
	x = *(int *)0;
}

ERROR
{
	printf("error in %d\n", arg1);
}
