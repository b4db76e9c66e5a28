/*
 * @@flags -q
 * A fault in END names dtrace:::END (probe ID 2); END's next clause runs.
 */

BEGIN
{
	exit(0);
}

END
{
	p = *(int *)0;
}

END
{
	printf("end continues\n");
}
