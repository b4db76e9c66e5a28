/*
 * @@flags -q
 * avg() entries sort by their averages.
 */

BEGIN
{
	@["x"] = avg(10);
	@["x"] = avg(20);
	@["y"] = avg(3);
	@["z"] = avg(100);
	exit(0);
}
