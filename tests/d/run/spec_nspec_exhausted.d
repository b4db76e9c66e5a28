/*
 * @@flags -q
 * With the default nspec=1 a second speculation() while the first is
 * active returns 0, reported as a failed speculation.
 */

BEGIN
{
	a = speculation();
	b = speculation();
	printf("%d %d\n", a, b);
	exit(0);
}
