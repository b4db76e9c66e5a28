/*
 * @@flags -q
 * Each tick speculates and commits only odd rounds.
 */

tick-1ms
/n < 4/
{
	n++;
	s = speculation();
}

tick-1ms
/s/
{
	speculate(s);
	printf("round %d\n", n);
}

tick-1ms
/s && n % 2 == 1/
{
	commit(s);
}

tick-1ms
/s && n % 2 == 0/
{
	discard(s);
}

tick-1ms
/n == 4/
{
	exit(0);
}
