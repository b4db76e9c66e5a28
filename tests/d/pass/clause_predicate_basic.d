/*
 * A clause guarded by a predicate comparing built-in variables.
 */

profile-97
/pid != 0 && execname != "sched"/
{
	@oncpu[execname, pid] = count();
}
