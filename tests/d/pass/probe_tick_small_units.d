/*
 * Tick intervals given in nanoseconds and microseconds, both at least a
 * millisecond.
 */

tick-5000000ns
{
	@[probename] = count();
}

tick-2000us
{
	@[probename] = count();
}

tick-3000usec
{
	@[probename] = count();
}

tick-4000000nsec
{
	@[probename] = count();
}
