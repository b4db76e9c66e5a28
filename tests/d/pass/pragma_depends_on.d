/*
 * Dependencies on providers that exist are satisfied.
 */

#pragma D depends_on provider dtrace
#pragma D depends_on provider profile

tick-1sec
{
	exit(0);
}
