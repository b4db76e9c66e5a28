/*
 * @@flags -q
 * stringof() of a string is the string.
 */

BEGIN
{
	s = "text";
	printf("%s %s\n", stringof(s), stringof("lit"));
	exit(0);
}
