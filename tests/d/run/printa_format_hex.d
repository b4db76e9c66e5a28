/*
 * @@flags -q
 * %@x prints the value in hex.
 */

BEGIN
{
	@a = sum(255);
	printa("%@x %@X\n", @a);
	exit(0);
}
