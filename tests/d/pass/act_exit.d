/*
 * exit() with different status values in different clauses.
 */

tick-1sec
/++n == 3/
{
	exit(0);
}

tick-5sec
{
	exit(1);
}
