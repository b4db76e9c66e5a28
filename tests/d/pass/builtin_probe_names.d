/*
 * The probe name variables used as aggregation keys.
 */

dtrace:::BEGIN,
profile:::tick-1sec
{
	@[probeprov, probemod, probefunc, probename] = count();
}
