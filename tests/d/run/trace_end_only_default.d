/*
 * Only END traces: its probe ID is 2.
 */

BEGIN
/0/
{
	trace("never");
}

END
{
	trace(7);
}

BEGIN
{
	exit(0);
}
