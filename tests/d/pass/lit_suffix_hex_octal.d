/*
 * Suffixes combine with hexadecimal and octal constants.
 */

BEGIN
{
	printf("%x %x\n", 0xffu, 0x7fffffffffffffffLL);
	printf("%x\n", 0xFFFFFFFFFFFFFFFFULL);
	printf("%o %o\n", 0755UL, 0644u);
}
