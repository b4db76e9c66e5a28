/*
 * Unary minus, plus, bitwise and logical negation.
 */

BEGIN
{
	x = 42;
	printf("%d %d %d %d\n", -x, +x, ~x, !x);
	printf("%d %d\n", - -x, !!x);
}
