/*
 * @@flags -q
 * An associative array element used as the key of another.
 */

BEGIN
{
	b[1] = 7;
	a[7] = 42;
	printf("%d\n", a[b[1]]);
	exit(0);
}
