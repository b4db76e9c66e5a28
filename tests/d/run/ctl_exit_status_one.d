/*
 * @@flags -q
 * @@status 1
 * exit(1) makes 1 dtrace's exit status.
 */

BEGIN
{
	exit(1);
}
