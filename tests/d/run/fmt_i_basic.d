/*
 * @@flags -q
 * %i is the same as %d.
 */

BEGIN
{
	printf("%i|%i|%i\n", 7, -7, 0);
	exit(0);
}
