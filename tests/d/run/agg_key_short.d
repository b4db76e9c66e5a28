/*
 * @@flags -q
 * short keys print in 5 columns of the unsigned 16 bits.
 */

BEGIN
{
	@[(short)12] = sum(1);
	@[(short)-2] = sum(2);
	exit(0);
}
