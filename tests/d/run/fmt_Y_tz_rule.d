/*
 * @@flags -q
 * @@env TZ=EST5EDT,M3.2.0,M11.1.0
 * %Y and %T print local time: TZ as a POSIX rule, daylight time in
 * September, standard time in January.
 */

BEGIN
{
	printf("%Y|%T\n", (int64_t)1000000000000000000, (int64_t)1000000000000000000);
	printf("%Y|%T\n", (int64_t)1010000000000000000, (int64_t)1010000000000000000);
	exit(0);
}
