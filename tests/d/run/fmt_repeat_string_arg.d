/*
 * @@flags -q
 * The same string expression used by several conversions.
 */

BEGIN
{
	s = "dup";
	printf("%s %s %5s\n", s, s, s);
	exit(0);
}
