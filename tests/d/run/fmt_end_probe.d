/*
 * @@flags -q
 * printf in BEGIN and END; END runs after exit().
 */

BEGIN
{
	printf("begin\n");
	exit(0);
}

END
{
	printf("end\n");
}
