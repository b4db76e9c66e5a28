/*
 * @@flags -q
 * Pre- and post-increment and compound assignment across clauses.
 */

BEGIN
{
	a = 5;
	b = a++;
	c = ++a;
}

BEGIN
{
	a += 10;
	a -= 3;
	printf("%d %d %d\n", a, b, c);
	exit(0);
}
