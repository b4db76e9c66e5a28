/*
 * @@flags -q
 * ERROR's arguments for a bad address: DTRACEFLT_BADADDR (1) and the address.
 */

BEGIN
{
	y = *(int *)0x1234;
}

BEGIN
{
	exit(0);
}

ERROR
{
	printf("%d %d %d %d %x\n", arg1, arg2, arg3, arg4, arg5);
}
