/*
 * @@flags -q
 * A committed speculation is free again.
 */

BEGIN
{
	s = speculation();
}

BEGIN
{
	commit(s);
}

BEGIN
{
	printf("%d\n", speculation());
	exit(0);
}
