/*
 * Tick probes using each of the long and short time units.
 */

profile:::tick-10ms
{
	@ticks["10ms"] = count();
}

profile:::tick-500msec
{
	@ticks["500msec"] = count();
}

profile:::tick-2s
{
	@ticks["2s"] = count();
}

profile:::tick-1min
{
	@ticks["1min"] = count();
}

profile:::tick-1hour
{
	@ticks["1hour"] = count();
}

profile:::tick-1day
{
	@ticks["1day"] = count();
}
