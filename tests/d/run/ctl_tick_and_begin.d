/*
 * @@flags -q
 * BEGIN runs before the first tick.
 */

BEGIN
{
	printf("begin\n");
	n = 100;
}

tick-1ms
{
	printf("tick %d\n", n);
	exit(0);
}
