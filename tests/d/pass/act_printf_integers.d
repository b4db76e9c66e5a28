/*
 * printf integer conversions with and without size prefixes.
 */

BEGIN
{
	printf("%d %i %u %o %x %X\n", -5, -6, 7, 8, 255, 255);
	printf("%c %C\n", 'A', '\n');
	printf("%hd %hi %hu\n", (short)-1, (short)3, (unsigned short)65535);
	printf("%ld %li %lu %lo\n", arg0, (long)1, (unsigned long)arg1, (unsigned long)8);
	printf("%lx %lX\n", (long)arg0, (long)arg1);
	printf("%lld %lli %llu %llo\n", (long long)1, (long long)2,
	    (unsigned long long)3, (unsigned long long)4);
	printf("%llx %llX\n", (long long)5, (long long)6);
}
