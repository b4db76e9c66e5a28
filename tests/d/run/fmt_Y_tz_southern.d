/*
 * @@flags -q
 * @@env TZ=AEST-10AEDT,M10.1.0,M4.1.0/3
 * A southern-hemisphere rule: daylight time spans New Year.
 */

BEGIN
{
	printf("%T\n", (int64_t)1000000000000000000);
	printf("%T\n", (int64_t)1010000000000000000);
	exit(0);
}
