/*
 * @@flags -q
 * @@status 3
 * exit(N) makes N dtrace's exit status; END still runs.
 */

BEGIN
{
	exit(3);
}

END
{
	printf("end ran\n");
}
