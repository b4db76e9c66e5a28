/*
 * A mix of operators whose grouping follows C precedence.
 */

BEGIN
{
	a = 6; b = 3; c = 2;
	r1 = a + b * c << 1;
	r2 = a & b | c ^ 1;
	r3 = a == 6 && b != 3 || c < 5;
	r4 = a > b ? b > c ? 1 : 2 : 3;
	r5 = ~a + 1 == -a;
	r6 = a - b - c * -1;
	printf("%d %d %d %d %d %d\n", r1, r2, r3, r4, r5, r6);
}
