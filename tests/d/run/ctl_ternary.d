/*
 * @@flags -q
 * The ?: operator, nested.
 */

BEGIN
{
	x = 5;
	printf("%s\n", x > 3 ? "big" : "small");
	printf("%s\n", x > 10 ? "huge" : x > 4 ? "medium" : "small");
	printf("%d\n", x == 5 ? (x > 0 ? 1 : 2) : 3);
	exit(0);
}
