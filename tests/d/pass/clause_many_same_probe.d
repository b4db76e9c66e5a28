/*
 * Several clauses for one probe run in program order and share globals.
 */

tick-1sec
{
	n++;
}

tick-1sec
/n % 2 == 0/
{
	printf("even %d\n", n);
}

tick-1sec
/n % 2 == 1/
{
	printf("odd %d\n", n);
}

tick-1sec
/n > 9/
{
	exit(0);
}
