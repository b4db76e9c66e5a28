/*
 * The portable built-in variables in one clause.
 */

profile-97
{
	printf("%d %d %d %d %d %d\n", pid, ppid, tid, uid, gid, cpu);
	printf("%s %s:%s:%s:%s\n", execname, probeprov, probemod, probefunc, probename);
	printf("%d %d %d\n", timestamp, vtimestamp, walltimestamp);
	printf("%d %d %d\n", id, epid, errno);
	printf("%d %d %d\n", ipl, stackdepth, ustackdepth);
	printf("%a %x\n", caller, ucaller);
}
