/*
 * @@flags -q
 * After exit(), tick probes no longer fire: END sees the count at exit.
 */

tick-1ms
{
	n++;
}

tick-1ms
/n == 3/
{
	exit(0);
}

END
{
	printf("%d\n", n);
}
