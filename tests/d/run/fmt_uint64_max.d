/*
 * @@flags -q
 * The largest unsigned 64-bit constant.
 */

BEGIN
{
	printf("%u\n", 0xffffffffffffffff);
	exit(0);
}
