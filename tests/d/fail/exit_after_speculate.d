/*
 * @@tag D_EXIT_SPEC
 * @@line 16
 * @@message exit( ) may not follow speculate( )
 * exit cannot be speculative.
 */

BEGIN
{
	spec = speculation();
}

tick-1sec
{
	speculate(spec);
	exit(0);
}
