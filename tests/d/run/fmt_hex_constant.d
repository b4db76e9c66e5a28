/*
 * @@flags -q
 * A hex constant that fits in unsigned int is unsigned: %d prints it unsigned.
 */

BEGIN
{
	printf("%d %x\n", 0xffffffff, 0xffffffff);
	exit(0);
}
