/*
 * @@flags -q
 * printa() of an aggregation with no entries yet prints only its newline
 * and does not count as printing it: libdtrace marks an aggregation printed
 * per entry it prints, so the entries that come later print at exit.
 */

#pragma D option switchrate=10ms

tick-500ms
{
	@a = count();
	exit(0);
}

BEGIN
{
	printa(@a);
}
