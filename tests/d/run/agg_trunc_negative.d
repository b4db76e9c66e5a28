/*
 * @@flags -q
 * trunc(@, -2) keeps the two smallest values.
 */

BEGIN
{
	@a["w"] = sum(4);
	@a["x"] = sum(1);
	@a["y"] = sum(3);
	@a["z"] = sum(2);
	trunc(@a, -2);
	exit(0);
}
