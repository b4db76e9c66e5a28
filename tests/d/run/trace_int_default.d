/*
 * trace() of an int without -q: ' %8d' after the probe.
 */

BEGIN
{
	trace(42);
	exit(0);
}
