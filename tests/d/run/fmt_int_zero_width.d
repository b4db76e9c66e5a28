/*
 * @@flags -q
 * Zero padding of a wide field with 64-bit values.
 */

BEGIN
{
	printf("[%020lld][%-20lld]\n", (long long)-1234567890123, (long long)1234567890123);
	exit(0);
}
