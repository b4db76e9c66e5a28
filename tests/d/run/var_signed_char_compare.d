/*
 * @@flags -q
 * A negative char compares below zero; an unsigned char does not.
 */

BEGIN
{
	printf("%d %d\n", (char)200 < 0, (unsigned char)200 < 0);
	exit(0);
}
