/*
 * @@flags -q
 * An associative array written in BEGIN and read in END.
 */

BEGIN
{
	a["x"] = 1;
	a["y"] = 2;
	exit(0);
}

END
{
	printf("%d %d %d\n", a["x"], a["y"], a["z"]);
}
