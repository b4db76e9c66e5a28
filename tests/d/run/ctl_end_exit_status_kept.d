/*
 * @@flags -q
 * @@status 5
 * END runs after exit(5); the status stays 5.
 */

BEGIN
{
	exit(5);
}

END
{
	printf("end\n");
}
