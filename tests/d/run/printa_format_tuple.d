/*
 * @@flags -q
 * A tuple key fills several conversions.
 */

BEGIN
{
	@a["read", 3] = sum(30);
	@a["open", 1] = sum(10);
	printa("%s:%d=%@d\n", @a);
	exit(0);
}
