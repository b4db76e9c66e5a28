/*
 * @@flags -q
 * Casts truncate to the target size, keeping or dropping the sign.
 */

BEGIN
{
	printf("%d %d %d %d\n", (char)200, (unsigned char)200, (short)40000, (unsigned short)70000);
	exit(0);
}
