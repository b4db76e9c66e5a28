/*
 * $$0 is the name of the script itself.
 */

BEGIN
{
	printf("running %s\n", $$0);
	exit(0);
}
