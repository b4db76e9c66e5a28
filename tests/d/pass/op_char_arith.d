/*
 * Character constants are integers and can be combined arithmetically.
 */

BEGIN
{
	printf("%c%c%c\n", 'a' + 1, 'A' + 25, '0' + 7);
	printf("%d %d\n", 'z' - 'a', '\n');
}
