/*
 * @@flags -q
 * Equal values sort by key: strings in byte order.
 */

BEGIN
{
	@["pear"] = count();
	@["apple"] = count();
	@["fig"] = count();
	@["banana"] = count();
	exit(0);
}
