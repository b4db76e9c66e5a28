/*
 * @@flags -q
 * A discarded speculation is free again.
 */

BEGIN
{
	s = speculation();
}

BEGIN
{
	discard(s);
}

BEGIN
{
	printf("%d\n", speculation());
	exit(0);
}
