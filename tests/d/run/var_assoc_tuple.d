/*
 * @@flags -q
 * Associative arrays keyed by tuples; a missing key reads as 0.
 */

BEGIN
{
	a[1, "x"] = 10;
	a[2, "y"] = 20;
	printf("%d %d %d %d\n", a[1, "x"], a[2, "y"], a[1, "y"], a[2, "x"]);
	exit(0);
}
