/*
 * The anonymous aggregation @ with no name and no keys.
 */

tick-10ms
{
	@ = count();
}

tick-1sec
{
	printa(@);
	exit(0);
}
