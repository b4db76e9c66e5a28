/*
 * @@requires btf
 * System call entry and return probes for one call.
 */

syscall::read:entry
{
	@bytes[execname] = sum(arg2);
}

syscall::read:return
/(int64_t)arg0 > 0/
{
	@ok[execname] = count();
}
