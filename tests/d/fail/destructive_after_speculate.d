/*
 * @@tag D_ACT_SPEC
 * @@line 18
 * @@message destructive actions may not follow speculate( )
 * Destructive actions cannot be speculative.
 */

#pragma D option destructive

BEGIN
{
	spec = speculation();
}

tick-1sec
{
	speculate(spec);
	raise(9);
}
