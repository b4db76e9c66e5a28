/*
 * trace() of a negative int without -q.
 */

BEGIN
{
	trace(-5);
	exit(0);
}
