/*
 * @@flags -q
 * printf() is one action per argument: a fault in its second argument
 * is in action #3.
 */

BEGIN
{
	z = 0;
	printf("%d %d\n", 1, 10 / z);
}

BEGIN
{
	exit(0);
}
