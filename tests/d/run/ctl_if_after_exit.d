/*
 * @@flags -q
 * Actions after exit() in the same clause run, also inside an if.
 */

BEGIN
{
	exit(0);
	if (1)
		printf("x\n");
}
