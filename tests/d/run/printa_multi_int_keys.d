/*
 * @@flags -q
 * printa(@a, @b, @c) without a format on integer keys: each key's column,
 * then each aggregation's value.
 */

BEGIN
{
	@a[1, 2] = count();
	@b[1, 2] = sum(10);
	@c[1, 2] = max(7);
	@c[3, 4] = max(-1);
	printa(@a, @b, @c);
	exit(0);
}
