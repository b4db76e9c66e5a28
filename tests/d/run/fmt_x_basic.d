/*
 * @@flags -q
 * %x and %X in lower and upper case.
 */

BEGIN
{
	printf("%x %X %x %x\n", 255, 255, 0, 0xdeadbeef);
	exit(0);
}
