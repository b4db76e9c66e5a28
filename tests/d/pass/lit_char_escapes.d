/*
 * Character constants, escapes included.
 */

BEGIN
{
	printf("%d %d %d %d\n", 'A', '\n', '\t', '\0');
	printf("%d %d %d\n", '\\', '\'', '"');
	printf("%d %d %d\n", '\x41', '\101', '\a');
	printf("%d %d %d %d\n", '\b', '\f', '\r', '\v');
}
