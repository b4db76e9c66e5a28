/*
 * Profile probes with an explicit hz unit and with a time unit.
 */

profile:::profile-199hz
{
	@rate["199hz"] = count();
}

profile:::profile-1ms
{
	@rate["1ms"] = count();
}
