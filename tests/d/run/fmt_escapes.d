/*
 * @@flags -q
 * Escape sequences in the format string.
 */

BEGIN
{
	printf("a\tb\\c\"d\n");
	printf("\101\102\n");
	exit(0);
}
