/*
 * @@flags -q
 * What each size modifier accepts: the D type the conversion names, by
 * name and encoding. int64_t and uint64_t are long and unsigned long on
 * LP64, so they take %ld/%lu (and %llx, which also names them), not
 * %lld/%llu; long long and its typedefs take %lld/%llu. Arithmetic keeps
 * the wider operand's own type, so (long long)x - 1 is still a long long.
 */

BEGIN
{
	printf("%hd %hi %hu %ho %hx %hX\n", (short)2, (short)-2, (unsigned short)65535,
	    (unsigned short)8, (short)-1, (unsigned short)255);
	printf("%ld %li %lu %lo %lx %lX\n", (long)-3, (int64_t)-3, (uint64_t)7, (unsigned long)8,
	    (long)-1, (unsigned long)255);
	printf("%lld %lli %llu %llo %llx %llX\n", (long long)-4, (longlong_t)-4,
	    (unsigned long long)9, (u_longlong_t)8, (long long)-1, (unsigned long long)255);
	printf("%llx %llx\n", (int64_t)-1, (uint64_t)4096);
	printf("%lld %llu %ld\n", (long long)-9223372036854775807 - 1, (unsigned long long)1 + 1, (int64_t)2 * 3);
	printf("%lc%wc %c\n", 'o', 'k', (char)33);
	exit(0);
}
