/*
 * @@flags -q
 * Aggregating in a tick probe over several firings.
 */

tick-1ms
/i < 3/
{
	@ = count();
	i++;
}

tick-1ms
/i == 3/
{
	exit(0);
}
