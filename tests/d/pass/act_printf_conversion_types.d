/*
 * The arguments each conversion takes beyond plain integers: %p any pointer
 * or array, %s a char array (signed or plain char), %ls an array of 32-bit
 * integers, %hx/%lx/%llx either signedness of their size, %c/%C anything
 * up to an int, %Y/%T any 8-byte integer. In printa(), keys of stack(),
 * sym() and usym() go to %k, %a and %A, and %@ to any integer conversion
 * its value's type fits.
 */

char c[8];
signed char sc[8];
int w[4];

BEGIN
{
	printf("%p %p %s %s %ls\n", c, &w[1], c, sc, w);
	printf("%hx %hX %lx %lX %llx %llX\n", (short)1, (unsigned short)1, (long)1, (unsigned long)1,
	    (long long)1, (uint64_t)1);
	printf("%c %C %c %C\n", (char)65, (short)66, 67, (unsigned char)68);
	printf("%Y %T %Y\n", walltimestamp, walltimestamp, timestamp);
	printf("%d %i %u %o %x %X\n", 'a', (char)1, (short)1, 1L, (uint8_t)1, (int64_t)1);
}

profile-97
{
	@stacks[stack()] = count();
	@syms[sym(arg0)] = sum(1);
	@usyms[usym(arg1)] = max(1);
}

END
{
	printa("%k %@lu\n", @stacks);
	printa("%a %@ld %@llx %@d\n", @syms);
	printa("%A %@ld\n", @usyms);
}
