/*
 * @@flags -q
 * A string key with spaces keeps them; the field is 50 wide.
 */

BEGIN
{
	@["hello world"] = count();
	exit(0);
}
