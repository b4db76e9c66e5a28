/*
 * @@flags -q
 * @@status 9
 * @@args 9
 * exit($1): the status comes from the command line.
 */

BEGIN
{
	exit($1);
}
