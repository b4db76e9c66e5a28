/*
 * @@tag D_SPEC_DREC
 * @@line 16
 * @@message speculate( ) may not follow data-recording action(s)
 * speculate must come before data-recording actions.
 */

BEGIN
{
	spec = speculation();
}

tick-1sec
{
	printf("%d\n", pid);
	speculate(spec);
}
