/*
 * @@flags -q
 * Comparisons of unsigned values are unsigned.
 */

BEGIN
{
	printf("%d %d %d\n", -1 < 1, (unsigned long long)-1 > 1, (unsigned long long)1 < (unsigned long long)-1);
	exit(0);
}
