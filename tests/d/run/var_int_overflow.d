/*
 * @@flags -q
 * int arithmetic wraps at 32 bits, long long at 64 bits.
 */

int x;
long long y;

BEGIN
{
	x = 2147483647;
	x = x + 1;
	y = 9223372036854775807;
	y = y + 1;
	printf("%d %lld\n", x, y);
	exit(0);
}
