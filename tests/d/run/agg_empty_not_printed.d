/*
 * @@flags -q
 * An aggregation that never fired is not printed.
 */

BEGIN
{
	@a = sum(12345678);
	exit(0);
}

tick-1hour
{
	@b = min(1);
}
