/*
 * @@flags -q
 * %llX prints upper-case hex of a long long.
 */

BEGIN
{
	printf("%llX\n", (unsigned long long)0xdeadbeefcafe);
	exit(0);
}
