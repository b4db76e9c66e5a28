/*
 * Division inside a predicate must not be mistaken for the closing slash.
 */

BEGIN
{
	t0 = timestamp;
}

tick-100ms
/ (timestamp - t0) / 1000000 > 2000 /
{
	exit(0);
}
