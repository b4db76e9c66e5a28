/*
 * @@tag D_COMM_DREC
 * @@line 16
 * @@message commit( ) may not follow data-recording action(s)
 * commit must come before data-recording actions.
 */

BEGIN
{
	spec = speculation();
}

tick-1sec
{
	trace(timestamp);
	commit(spec);
}
