/*
 * @@flags -q
 * Three string keys.
 */

BEGIN
{
	@["a", "b", "c"] = count();
	exit(0);
}
