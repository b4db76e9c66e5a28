/*
 * @@flags -q
 * %Y prints a nanosecond time as YYYY Mon dd hh:mm:ss (UTC here).
 */

BEGIN
{
	printf("%Y\n", (int64_t)1000000000000000000);
	exit(0);
}
