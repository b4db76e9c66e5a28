/*
 * BEGIN and END records without -q; a clause with only exit() prints just the probe.
 */

BEGIN
{
	trace("a");
}

BEGIN
{
	exit(0);
}

END
{
	trace("b");
}
