/*
 * @@flags -q
 * trace() of strings with -q prints them bare.
 */

BEGIN
{
	trace("abc");
	trace("def");
	printf("|\n");
	exit(0);
}
