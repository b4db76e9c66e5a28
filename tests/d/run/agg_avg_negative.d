/*
 * @@flags -q
 * avg() of negative values: signed division, truncating toward zero.
 */

BEGIN
{
	@ = avg(-10);
	@ = avg(-5);
	exit(0);
}
