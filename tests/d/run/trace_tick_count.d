/*
 * @@flags -q
 * tick-1ms fires repeatedly; a global counter and a predicate stop it.
 */

tick-1ms
{
	i++;
}

tick-1ms
/i == 3/
{
	printf("i=%d\n", i);
	exit(0);
}
