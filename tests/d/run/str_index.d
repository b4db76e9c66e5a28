/*
 * @@flags -q
 * index() and rindex(), with and without a start position.
 */

BEGIN
{
	printf("%d %d %d %d\n", index("hello", "l"), rindex("hello", "l"), index("hello", "z"), rindex("hello", "z"));
	printf("%d %d %d\n", index("hello", "l", 3), index("hello", "lo"), index("hello", "h", 1));
	exit(0);
}
