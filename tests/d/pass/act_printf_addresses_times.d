/*
 * printf conversions for kernel addresses, pointers and wall-clock times.
 */

profile-97
/arg0 != 0/
{
	printf("%a %p\n", arg0, (void *)arg0);
	printf("%Y\n", walltimestamp);
	printf("%T\n", walltimestamp);
	exit(0);
}
