/*
 * @@flags -q
 * The ?: operator, nested, with strings and integers.
 */

BEGIN
{
	x = 5;
	printf("%s %s %d\n", x > 3 ? "big" : "small", x > 10 ? "huge" : x > 4 ? "medium" : "tiny", x == 5 ? 1 : 2);
	exit(0);
}
