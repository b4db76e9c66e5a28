/*
 * Integer constants with every suffix D accepts.
 */

BEGIN
{
	a = 10u;
	b = 10U;
	c = 10l;
	d = 10L;
	e = 10ul;
	f = 10UL;
	g = 10uL;
	h = 10Ul;
	i = 10ll;
	j = 10LL;
	k = 10ull;
	l = 10ULL;
	m = 10uLL;
	n = 10Ull;
	printf("%d\n", a + b + c + d + e + f + g + h + i + j + k + l + m + n);
}
