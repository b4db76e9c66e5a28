/*
 * @@flags -q
 * @@status 1
 * copyout() is a destructive subroutine: without -w nothing traces.
 */

BEGIN
{
	copyout(alloca(4), 0, 4);
	exit(0);
}
