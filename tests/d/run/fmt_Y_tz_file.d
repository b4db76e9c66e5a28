/*
 * @@flags -q
 * @@env TZ=Asia/Kolkata
 * TZ naming a zoneinfo file.
 */

BEGIN
{
	printf("%Y|%T\n", (int64_t)1000000000000000000, (int64_t)1000000000000000000);
	exit(0);
}
