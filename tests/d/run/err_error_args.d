/*
 * @@flags -q
 * The ERROR probe's arguments: arg1 EPID, arg2 action, arg3 DIF offset,
 * arg4 fault (DTRACEFLT_DIVZERO 4), arg5 address.
 */

BEGIN
{
	z = 0;
	y = 1 / z;
}

BEGIN
{
	exit(0);
}

ERROR
{
	printf("%d %d %d %d %d\n", arg1, arg2, arg3, arg4, arg5);
}
