/*
 * @@flags -q
 * END sees the global variables BEGIN set.
 */

BEGIN
{
	x = 42;
	s = "kept";
	exit(0);
}

END
{
	printf("%d %s\n", x, s);
}
