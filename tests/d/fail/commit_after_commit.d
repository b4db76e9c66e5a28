/*
 * @@tag D_COMM_COMM
 * @@line 16
 * @@message commit( ) may not follow commit( )
 * A clause commits at most once.
 */

BEGIN
{
	spec = speculation();
}

tick-1sec
{
	commit(spec);
	commit(spec);
}
