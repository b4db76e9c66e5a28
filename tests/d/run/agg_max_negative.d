/*
 * @@flags -q
 * max() of negative values only.
 */

BEGIN
{
	@ = max(-5);
	@ = max(-2);
	@ = max(-9);
	exit(0);
}
