/*
 * @@flags -q
 * Aggregations updated in END are printed.
 */

BEGIN
{
	exit(0);
}

END
{
	@ = sum(99);
}
