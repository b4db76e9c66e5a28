/*
 * @@flags -q
 * A string key that is a prefix of another sorts first.
 */

BEGIN
{
	@["abc"] = count();
	@["ab"] = count();
	@["abcd"] = count();
	exit(0);
}
