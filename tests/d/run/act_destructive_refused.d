/*
 * @@status 1
 * Without -w, a destructive action stops the run before tracing starts,
 * after the enablings matched.
 */

BEGIN
{
	system("echo not run");
	exit(0);
}
