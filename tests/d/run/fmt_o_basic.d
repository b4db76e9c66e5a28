/*
 * @@flags -q
 * %o prints octal.
 */

BEGIN
{
	printf("%o %o %o\n", 8, 511, 0);
	exit(0);
}
