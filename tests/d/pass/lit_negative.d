/*
 * Negated constants, including negated hexadecimal ones.
 */

BEGIN
{
	a = -1;
	b = -0x10;
	c = -(-5);
	d = -2147483648;
	printf("%d %d %d %d\n", a, b, c, d);
}
