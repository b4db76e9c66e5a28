/*
 * The tick provider probe with a seconds suffix, written without provider.
 */

tick-1sec
{
	secs++;
	printf("%d seconds\n", secs);
}

tick-1sec
/secs == 10/
{
	exit(0);
}
