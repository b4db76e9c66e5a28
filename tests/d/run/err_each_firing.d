/*
 * @@flags -q
 * A faulting tick clause faults on every firing; ERROR counts them.
 */

tick-1ms
/n < 3/
{
	n++;
}

ERROR
{
	errs++;
}

tick-1ms
/n == 3/
{
	exit(0);
}

END
{
	printf("%d %d\n", n, errs);
}
