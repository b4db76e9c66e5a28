/*
 * @@flags -q
 * Assigning a string variable copies it.
 */

BEGIN
{
	a = "first";
	b = a;
	a = "second";
	printf("%s %s\n", a, b);
	exit(0);
}
