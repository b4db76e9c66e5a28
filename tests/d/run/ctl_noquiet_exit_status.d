/*
 * @@status 3
 * Without -q, exit(3): status 3, output as usual.
 */

BEGIN
{
	exit(3);
}
