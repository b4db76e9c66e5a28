/*
 * @@flags -q -w
 * A file freopen() cannot open is reported against the enabled probe and
 * output stays where it was.
 */

BEGIN
{
	freopen("/nonexistent/dir/out");
	printf("still here\n");
	exit(0);
}
