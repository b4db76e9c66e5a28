/*
 * trace() of a char without -q: ' %3d'.
 */

BEGIN
{
	trace((char)65);
	exit(0);
}
