/*
 * @@flags -q
 * int keys print in 8 columns, signed.
 */

BEGIN
{
	@[(int)300] = sum(1);
	@[(int)-4] = sum(2);
	exit(0);
}
