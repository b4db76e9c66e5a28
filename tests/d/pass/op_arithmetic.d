/*
 * The arithmetic operators with C precedence and parentheses.
 */

BEGIN
{
	a = 17;
	b = 5;
	printf("%d %d %d %d %d\n", a + b, a - b, a * b, a / b, a % b);
	printf("%d %d\n", a + b * 2, (a + b) * 2);
	printf("%d %d\n", a - b - 2, a / b / 2);
	printf("%d\n", -a + +b);
}
