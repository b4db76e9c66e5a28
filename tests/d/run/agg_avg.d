/*
 * @@flags -q
 * avg() prints the integer average (truncated).
 */

BEGIN
{
	@ = avg(1);
	@ = avg(2);
	@ = avg(3);
	@ = avg(4);
	exit(0);
}
