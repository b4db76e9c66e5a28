/*
 * @@tag D_SPEC_COMM
 * @@line 16
 * @@message speculate( ) may not follow commit( )
 * speculate cannot follow commit in one clause.
 */

BEGIN
{
	spec = speculation();
}

tick-1sec
{
	commit(spec);
	speculate(spec);
}
