/*
 * @@flags -q
 * After trunc(), later firings add to the kept entries and start removed
 * ones again from zero.
 */

#pragma D option switchrate=10ms

BEGIN
{
	@a[1] = sum(10);
	@a[2] = sum(20);
	@a[3] = sum(30);
	trunc(@a, 1);
}

tick-500ms
{
	@a[1] = sum(1);
	@a[3] = sum(5);
	exit(0);
}
