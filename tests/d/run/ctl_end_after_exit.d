/*
 * @@flags -q
 * END fires after exit() and its output comes after BEGIN's.
 */

END
{
	printf("in END\n");
}

BEGIN
{
	printf("in BEGIN\n");
	exit(0);
}
