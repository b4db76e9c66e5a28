/*
 * @@flags -q
 * tick-1000hz: a rate in hertz, counted to 3.
 */

tick-1000hz
/++n == 3/
{
	printf("%d\n", n);
	exit(0);
}
