/*
 * trace() of a string without -q: the probe line, then the string.
 */

BEGIN
{
	trace("hello");
	exit(0);
}
