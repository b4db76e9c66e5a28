/*
 * @@flags -q
 * Empty buckets between data rows are all shown.
 */

BEGIN
{
	@ = quantize(1);
	@ = quantize(1024, 3);
	exit(0);
}
