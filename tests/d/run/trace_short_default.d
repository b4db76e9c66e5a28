/*
 * trace() of a short without -q: ' %5d'.
 */

BEGIN
{
	trace((short)300);
	exit(0);
}
