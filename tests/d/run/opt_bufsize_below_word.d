/*
 * @@flags -x bufsize=4
 * @@status 1
 * A principal buffer smaller than one 8-byte word cannot be allocated:
 * tracing is refused after the enablings matched.
 */

BEGIN
{
	exit(0);
}
