/*
 * Keys of string, signed, unsigned, char and pointer-sized integer types.
 */

tick-10ms
{
	@s[execname] = count();
	@i[(int)-1] = count();
	@u[(uint64_t)timestamp % 10] = count();
	@c['x'] = count();
	@p[(uintptr_t)caller] = count();
}
