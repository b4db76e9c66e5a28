/*
 * @@flags -q
 * Integer keys of an associative array, negative ones included.
 */

BEGIN
{
	a[0] = 10;
	a[-1] = 20;
	a[1000000000000] = 30;
	printf("%d %d %d %d\n", a[0], a[-1], a[1000000000000], a[1]);
	exit(0);
}
