/*
 * @@flags -q
 * if/else in a tick clause, over several firings.
 */

tick-1ms
{
	n++;
	if (n % 2 == 0) {
		printf("%d even\n", n);
	} else {
		printf("%d odd\n", n);
	}
}

tick-1ms
/n == 4/
{
	exit(0);
}
