/*
 * @@flags -q
 * After exit(), the rest of the firing's ECBs are skipped (DTrace's
 * draining state lets only dtrace provider probes other than BEGIN run),
 * so the second tick clause never prints; END still runs.
 */

tick-10ms
{
	exit(0);
}

tick-10ms
{
	printf("not reached\n");
}

END
{
	printf("end\n");
}
