/*
 * @@flags -q
 * %u and %o of unsigned char and unsigned short values.
 */

BEGIN
{
	printf("%u %o %u %x\n", (unsigned char)255, (unsigned short)8, (unsigned short)65535, (unsigned char)171);
	exit(0);
}
