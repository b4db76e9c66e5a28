/*
 * @@flags -q
 * trace() of string variables.
 */

BEGIN
{
	s = "from a variable";
	trace(s);
	printf("\n");
	exit(0);
}
