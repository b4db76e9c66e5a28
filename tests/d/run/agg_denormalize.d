/*
 * @@flags -q
 * denormalize() restores the raw values.
 */

BEGIN
{
	@a = sum(90);
	normalize(@a, 9);
	denormalize(@a);
	exit(0);
}
