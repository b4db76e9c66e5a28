/*
 * @@flags -q
 * Compound assignment operators.
 */

BEGIN
{
	x = 10;
	x -= 3;
	x *= 2;
	x /= 7;
	printf("%d ", x);
	x = 17;
	x %= 5;
	x <<= 4;
	x >>= 1;
	printf("%d ", x);
	x |= 1;
	x &= 0x1e;
	x ^= 3;
	printf("%d\n", x);
	exit(0);
}
