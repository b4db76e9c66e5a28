/*
 * @@flags -q
 * The + and space flags for signed conversions.
 */

BEGIN
{
	printf("[%+d][% d][%+d][% d]\n", 5, 5, -5, -5);
	exit(0);
}
