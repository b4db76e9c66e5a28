/*
 * @@flags -q
 * trace() of a character constant prints its value as a number.
 */

BEGIN
{
	trace('a');
	printf("\n");
	exit(0);
}
