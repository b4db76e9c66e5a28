/*
 * trace() of 1-, 2-, 4- and 8-byte -1 without -q: widths 3, 5, 8 and 16.
 */

BEGIN
{
	trace((char)-1);
	trace((short)-1);
	trace((int)-1);
	trace((long long)-1);
	exit(0);
}
