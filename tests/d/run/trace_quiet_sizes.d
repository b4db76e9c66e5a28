/*
 * @@flags -q
 * trace() prints by record size: 1- and 2-byte values unsigned, 4-byte signed, 8-byte signed.
 */

BEGIN
{
	trace((char)-1);
	printf("\n");
	trace((short)-1);
	printf("\n");
	trace((unsigned int)-1);
	printf("\n");
	trace((unsigned long long)-1);
	printf("\n");
	exit(0);
}
