/*
 * @@flags -q
 * %d of a char sign-extends; %x of it prints its 8 bits.
 */

BEGIN
{
	printf("%d %x %u\n", (char)-1, (char)-1, (unsigned char)200);
	exit(0);
}
