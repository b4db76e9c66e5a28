/*
 * Constants at the edges of the integer types get the first type that holds
 * them.
 */

BEGIN
{
	a = 2147483647;
	b = 2147483648;
	c = 4294967296;
	d = 9223372036854775807;
	e = 18446744073709551615u;
	f = 0xffffffffffffffff;
	g = -9223372036854775807;
	printf("%d %d %d %d\n", a, b, c, d);
	printf("%u %x %d\n", e, f, g);
}
