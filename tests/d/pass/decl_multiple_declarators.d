/*
 * Several declarators of different shapes in one declaration.
 */

int a, b, *c, d[4];
unsigned long x, *y;

BEGIN
{
	a = 1;
	b = 2;
	d[1] = a + b;
	c = (int *)alloca(sizeof (int));
	*c = d[1];
	x = 9;
	trace(*c + x);
}
