/*
 * @@flags -q
 * Loading through a NULL pointer: invalid address (0x0).
 */

BEGIN
{
	x = *(int *)0;
}

BEGIN
{
	exit(0);
}
