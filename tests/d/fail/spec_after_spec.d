/*
 * @@tag D_SPEC_SPEC
 * @@line 16
 * @@message speculate( ) may not follow speculate( )
 * A clause speculates at most once.
 */

BEGIN
{
	spec = speculation();
}

tick-1sec
{
	speculate(spec);
	speculate(spec);
}
