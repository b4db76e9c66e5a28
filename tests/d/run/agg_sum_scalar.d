/*
 * @@flags -q
 * sum() of positive and negative values.
 */

BEGIN
{
	@ = sum(10);
	@ = sum(20);
	@ = sum(-5);
	exit(0);
}
