/*
 * @@flags -q
 * Many printf calls in one clause print in order.
 */

BEGIN
{
	printf("%d", 1);
	printf("%d", 2);
	printf("%d\n", 3);
	printf("%s-%s\n", "x", "y");
	exit(0);
}
