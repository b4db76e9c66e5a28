/*
 * @@flags -q
 * A tuple of a string and an integer.
 */

BEGIN
{
	@["read", 3] = count();
	@["write", 1] = count();
	@["write", 1] = count();
	exit(0);
}
