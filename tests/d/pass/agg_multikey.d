/*
 * Aggregations keyed by tuples of mixed types.
 */

profile-97
{
	@by[execname, pid, tid, probename] = count();
	@sz[cpu, (uint16_t)arg0] = sum(1);
}
