/*
 * A speculation identifier kept in a global and committed after other
 * actions.
 */

BEGIN
{
	spec = speculation();
}

tick-10ms
{
	speculate(spec);
	trace(timestamp);
	printf("%d\n", pid);
}
