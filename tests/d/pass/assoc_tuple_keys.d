/*
 * Associative arrays keyed by tuples of several types.
 */

profile-97
{
	seen[execname, pid, cpu]++;
	last[execname, probename] = timestamp;
}

profile-97
/seen[execname, pid, cpu] > 100/
{
	printf("%s is busy (%d)\n", execname, last[execname, probename]);
	seen[execname, pid, cpu] = 0;
}
