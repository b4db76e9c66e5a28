/*
 * @@flags -q
 * sizeof of types and expressions.
 */

int x;
char c;

BEGIN
{
	printf("%d %d %d %d %d %d %d\n", sizeof (char), sizeof (short), sizeof (int), sizeof (long), sizeof (long long), sizeof (x), sizeof (c));
	exit(0);
}
