/*
 * @@flags -q
 * Actions after exit() in the same clause still run and are printed.
 */

BEGIN
{
	printf("before\n");
	exit(0);
	printf("after\n");
}
