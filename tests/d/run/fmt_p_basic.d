/*
 * @@flags -q
 * %p prints an address as bare hex digits, %#p with 0x.
 */

BEGIN
{
	printf("%p %#p\n", 0x1234, 0xbeef);
	exit(0);
}
