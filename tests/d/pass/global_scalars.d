/*
 * Global scalars of several types shared between clauses.
 */

BEGIN
{
	ticks = 0;
	name = "start";
	big = 0xffffffffULL;
	last = timestamp;
}

tick-100ms
{
	ticks++;
	name = probename;
	big -= 1;
	last = timestamp;
}

tick-1sec
/ticks >= 10/
{
	printf("%d %s %x %d\n", ticks, name, big, last);
	exit(0);
}
