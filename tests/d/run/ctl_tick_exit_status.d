/*
 * @@flags -q
 * @@status 6
 * exit() from a tick clause sets the status.
 */

tick-1ms
{
	exit(6);
}
