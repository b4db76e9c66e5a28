/*
 * @@flags -q
 * && and || do not evaluate their right side when the left decides.
 */

BEGIN
{
	z = 0;
}

BEGIN
/z != 0 && 10 / z > 1/
{
	printf("no\n");
}

BEGIN
/z == 0 || 10 / z > 1/
{
	printf("yes\n");
	exit(0);
}
