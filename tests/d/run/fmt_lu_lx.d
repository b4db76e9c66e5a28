/*
 * @@flags -q
 * %lu, %lx, %lX and %lo take a long or unsigned long.
 */

BEGIN
{
	printf("%lu %lx %lX %lo\n", (unsigned long)-1, (long)-1, (unsigned long)3054, (unsigned long)8);
	exit(0);
}
