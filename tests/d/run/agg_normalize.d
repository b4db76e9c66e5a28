/*
 * @@flags -q
 * normalize() divides the printed values.
 */

BEGIN
{
	@a["x"] = sum(100);
	@a["y"] = sum(250);
	normalize(@a, 10);
	exit(0);
}
