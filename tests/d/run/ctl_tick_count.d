/*
 * @@flags -q
 * tick-1ms fires repeatedly; the clause counts firings and exits at 5.
 */

tick-1ms
{
	n++;
}

tick-1ms
/n == 5/
{
	exit(0);
}

END
{
	printf("%d\n", n);
}
