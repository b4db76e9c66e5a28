/*
 * @@flags -q
 * Truncating one aggregation leaves the others alone.
 */

BEGIN
{
	@a[1] = sum(100);
	@a[2] = sum(20);
	@b[4] = sum(400);
	@b[5] = sum(50);
	@c[7] = sum(700);
	trunc(@b);
	printa(@a);
	printa(@b);
	printa(@c);
	exit(0);
}
