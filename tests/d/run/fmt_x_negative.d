/*
 * @@flags -q
 * %x of a negative value uses the size of its type.
 */

BEGIN
{
	printf("%x\n", -1);
	printf("%x\n", (long long)-1);
	printf("%X\n", (long long)-2);
	exit(0);
}
