/*
 * @@flags -q
 * Ties in value compare tuple keys left to right.
 */

BEGIN
{
	@["b", 1] = count();
	@["a", 2] = count();
	@["a", 1] = count();
	exit(0);
}
