/*
 * Hexadecimal and octal constants in both letter cases.
 */

BEGIN
{
	printf("%d %d %d\n", 0x1F, 0XaBcD, 0xff);
	printf("%d %d %d\n", 0777, 010, 0);
	printf("%x %o\n", 0x0, 00);
}
