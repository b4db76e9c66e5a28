/*
 * @@flags -q
 * ERROR's arguments for an invalid speculation id: DTRACEFLT_ILLOP (3),
 * offset -1.
 */

BEGIN
{
	discard(7);
}

ERROR
{
	printf("%d %d %d %d\n", arg1, arg2, (int)arg3, arg4);
}

BEGIN
{
	exit(0);
}
