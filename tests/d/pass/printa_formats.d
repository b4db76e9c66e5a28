/*
 * printa with default output, a format string, and several aggregations
 * sharing keys.
 */

#pragma D option quiet

profile-97
{
	@calls[execname] = count();
	@cpus[execname] = max(cpu);
}

tick-5s
{
	printa(@calls);
	printa("%-24s %@10d\n", @calls);
	printa("%s %@d %@d\n", @calls, @cpus);
	exit(0);
}
